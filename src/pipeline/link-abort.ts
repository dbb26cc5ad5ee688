/**
 * @module pipeline/link-abort
 * The signal one model request runs under: it fires when the client goes away (design.md §2,
 * "a client disconnect aborts the upstream request") or when the server stops waiting for
 * in-flight requests at shutdown (issue 6, SHUTDOWN_GRACE_MS). Nothing stays attached to the
 * long-lived shutdown signal once a request ends or its client leaves, however many requests
 * the server serves: a request that owns its controller is a set entry while it runs (one
 * listener per server aborts the set), any other gets a linked signal whose listeners are
 * removed on release.
 */

export interface LinkedSignal {
  signal: AbortSignal;
  /** Detaches from both sources; call once the request is over (idempotent). */
  release(): void;
}

/**
 * @example
 * const link = linkAbortSignals(clientSignal, shutdownSignal);
 * try { await upstream({ signal: link.signal }); } finally { link.release(); }
 */
export function linkAbortSignals(source: AbortSignal | AbortController, shutdown?: AbortSignal): LinkedSignal {
  if (source instanceof AbortController) return shutdown ? enrol(source, shutdown) : { signal: source.signal, release: () => {} };
  const request = source;
  if (!shutdown) return { signal: request, release: () => {} };
  const controller = new AbortController();
  const release = () => {
    request.removeEventListener('abort', onRequest);
    shutdown.removeEventListener('abort', onShutdown);
  };
  function onRequest() {
    release();
    controller.abort(request.reason);
  }
  function onShutdown() {
    release();
    controller.abort(shutdown!.reason);
  }
  if (request.aborted) onRequest();
  else if (shutdown.aborted) onShutdown();
  else {
    request.addEventListener('abort', onRequest, { once: true });
    shutdown.addEventListener('abort', onShutdown, { once: true });
  }
  return { signal: controller.signal, release };
}

/** In-flight requests by shutdown signal: one listener per server aborts them all. */
const ENROLLED = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * The cheaper link for a request that owns its controller (the server's routes): no second
 * controller and no listener per request, only a set entry. AbortSignal listeners are
 * EventTarget listeners, among the costliest things a short request did (docs/performance.md).
 */
function enrol(controller: AbortController, shutdown: AbortSignal): LinkedSignal {
  if (shutdown.aborted) {
    controller.abort(shutdown.reason);
    return { signal: controller.signal, release: () => {} };
  }
  let set = ENROLLED.get(shutdown);
  if (!set) {
    const requests = new Set<AbortController>();
    set = requests;
    ENROLLED.set(shutdown, requests);
    shutdown.addEventListener(
      'abort',
      () => {
        for (const c of [...requests]) c.abort(shutdown.reason);
        requests.clear();
      },
      { once: true },
    );
  }
  const requests = set;
  requests.add(controller);
  return { signal: controller.signal, release: () => void requests.delete(controller) };
}

/** Passes `chunks` through and calls `release` when the stream ends, fails or its consumer stops. */
export async function* releaseWhenDone<T>(chunks: AsyncIterable<T>, release: () => void): AsyncGenerator<T> {
  try {
    yield* chunks;
  } finally {
    release();
  }
}
