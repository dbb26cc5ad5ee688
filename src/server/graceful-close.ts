/**
 * @module server/graceful-close
 * Graceful shutdown (design.md §3 `main.ts`, issue 6): stop accepting connections, let the
 * in-flight requests finish for up to SHUTDOWN_GRACE_MS, then end the rest in their own
 * dialect — aborting their upstream calls makes each stream close with its error event
 * (`response.failed`, `event: error`, chat error chunk) and a retryable message — and only
 * then cut what is still open. Registered closers (e.g. flushing usage records) run after
 * the last request is done, newest first, each bounded in time.
 */
import type { FastifyInstance } from 'fastify';
import type { LynkrError } from '../ir/errors.js';
import type { Logger } from '../observability/logger.js';

/** Work to do once no request is in flight any more (flush a store, close a database). */
export type Closer = () => unknown;

/** How long aborted streams get to write their error event before their sockets are cut. */
const CUT_AFTER_ABORT_MS = 1_000;
/** Upper bound for one closer. */
export const CLOSER_TIMEOUT_MS = 5_000;
/** Node closes idle keep-alive sockets only once, at server.close(); sockets that go idle later are reaped this often. */
const REAP_IDLE_EVERY_MS = 100;

export interface GracefulCloseInput {
  app: FastifyInstance;
  graceMs: number;
  /** Aborts every in-flight upstream call with `reason`. */
  abortInFlight(reason: LynkrError): void;
  /** The error in-flight requests end with once the grace period is over. */
  reason: LynkrError;
  closers: readonly Closer[];
  log: Logger;
}

/**
 * @example
 * process.once('SIGTERM', () => gracefulClose({ app, graceMs: 10_000, abortInFlight, reason, closers, log }).then(() => process.exit(0)));
 */
export async function gracefulClose({ app, graceMs, abortInFlight, reason, closers, log }: GracefulCloseInput): Promise<void> {
  const started = Date.now();
  const closed = app.close(); // stops listening; requests on open connections get a 503 (closing-guard.ts)
  const reaper = setInterval(() => app.server.closeIdleConnections(), REAP_IDLE_EVERY_MS);
  try {
    if (!(await settlesWithin(closed, graceMs))) {
      log.warn({ graceMs }, 'in-flight requests still running after SHUTDOWN_GRACE_MS; ending them');
      abortInFlight(reason);
      if (!(await settlesWithin(closed, CUT_AFTER_ABORT_MS))) app.server.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(reaper);
  }
  for (const closer of [...closers].reverse()) {
    const run = Promise.resolve()
      .then(closer)
      .catch((err: unknown) => log.error({ err }, 'shutdown closer failed'));
    if (!(await settlesWithin(run, CLOSER_TIMEOUT_MS))) log.error({ timeoutMs: CLOSER_TIMEOUT_MS }, 'shutdown closer did not finish in time');
  }
  log.info({ durationMs: Date.now() - started }, 'Lynkr stopped');
}

/** True when `promise` settles (either way) within `ms`, false on time-out. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
