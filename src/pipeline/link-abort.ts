/**
 * @module pipeline/link-abort
 * The signal one model request runs under: it fires when the client goes away (design.md §2,
 * "a client disconnect aborts the upstream request") or when the server stops waiting for
 * in-flight requests at shutdown (issue 6, SHUTDOWN_GRACE_MS). Nothing stays attached to the
 * long-lived shutdown signal once a request ends or its client leaves, however many requests
 * the server serves: each request's own controller is a set entry while it runs, and one
 * listener per server aborts the set.
 */

export interface LinkedSignal {
  signal: AbortSignal;
  /** Detaches from the shutdown; call once the request is over (idempotent). */
  release(): void;
}

/** In-flight requests by shutdown signal: one listener per server aborts them all. */
const ENROLLED = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * Enrols a request's own controller for shutdown: a set entry while the request runs, no
 * second controller and no listener per request (AbortSignal listeners are EventTarget
 * listeners, among the costliest things a short request did; docs/performance.md).
 * @example
 * const link = linkToShutdown(controller, shutdownSignal);
 * try { await upstream({ signal: link.signal }); } finally { link.release(); }
 */
export function linkToShutdown(controller: AbortController, shutdown?: AbortSignal): LinkedSignal {
  if (!shutdown) return { signal: controller.signal, release: () => {} };
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
