/**
 * @module observability/idle-gc
 * Gives memory back once a burst of requests is over. V8 collects its old generation when
 * allocation goes on, and Node never tells it that the process went idle, so after a burst
 * (1,000 streams) a quiet Lynkr kept about 50 MB of garbage for as long as it stayed quiet
 * (docs/performance.md). Browsers collect in idle time; this does the same for a server:
 * when no request has been in flight for `idleMs` after at least `minRequests` were served,
 * one full collection runs. It needs the `gc` function that `node --expose-gc` provides
 * (`npm start` passes the flag); without it, or with `LYNKR_IDLE_GC_MS=0`, it does nothing.
 * A collection of Lynkr's heap (about 30 MB) takes a few milliseconds, and runs only when no
 * request is waiting.
 */

export interface IdleCollectorOptions {
  /** The full collection (`globalThis.gc` under --expose-gc). */
  gc: () => void;
  /** Requests in flight right now. */
  inFlight: () => number;
  idleMs: number;
  /** Requests served since the last collection before another is worth it. */
  minRequests?: number;
}

export interface IdleCollector {
  /** Call when a request finished (its response closed). */
  requestEnded(): void;
  /** Stops the timer (server close). */
  stop(): void;
}

export function createIdleCollector({ gc, inFlight, idleMs, minRequests = 100 }: IdleCollectorOptions): IdleCollector {
  let served = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastEnd = 0;
  const check = () => {
    timer = undefined;
    if (inFlight() > 0) return; // the next request to end re-arms the timer
    const quietFor = performance.now() - lastEnd;
    if (quietFor < idleMs) {
      arm(idleMs - quietFor);
      return;
    }
    served = 0;
    gc();
  };
  const arm = (ms: number) => {
    timer = setTimeout(check, ms);
    timer.unref();
  };
  return {
    requestEnded() {
      served++;
      lastEnd = performance.now();
      if (timer === undefined && served >= minRequests) arm(idleMs);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The collector for a server, or undefined when the process cannot collect on demand or it is switched off. */
export function idleCollectorFor(idleMs: number, inFlight: () => number): IdleCollector | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function' || idleMs <= 0) return undefined;
  return createIdleCollector({ gc, inFlight, idleMs });
}
