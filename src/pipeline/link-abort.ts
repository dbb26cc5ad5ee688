/**
 * @module pipeline/link-abort
 * The signal one model request runs under: it fires when the client goes away (design.md §2,
 * "a client disconnect aborts the upstream request") or when the server stops waiting for
 * in-flight requests at shutdown (issue 6, SHUTDOWN_GRACE_MS). The listener on the long-lived
 * shutdown signal is removed as soon as the request ends or its client leaves, so nothing
 * accumulates on it however many requests the server serves.
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
export function linkAbortSignals(request: AbortSignal, shutdown?: AbortSignal): LinkedSignal {
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

/** Passes `chunks` through and calls `release` when the stream ends, fails or its consumer stops. */
export async function* releaseWhenDone<T>(chunks: AsyncIterable<T>, release: () => void): AsyncGenerator<T> {
  try {
    yield* chunks;
  } finally {
    release();
  }
}
