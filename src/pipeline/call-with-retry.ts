/**
 * @module pipeline/call-with-retry
 * Retries an upstream call that failed before its first byte (429, 5xx, connection
 * errors: `LynkrError.retryable`), with exponential backoff and jitter, honouring the
 * upstream's Retry-After (wire-contract §3.6, §4). The budget is bounded three ways:
 * - by UPSTREAM_MAX_RETRIES;
 * - by `maxDelayMs` for a single wait: an upstream that asks for a longer pause gets its
 *   429 passed on to the client (with Retry-After) instead of holding the request;
 * - a first-byte time-out is never repeated: it already cost UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
 *   and a retry would multiply that wait (failover to FALLBACK_PROVIDER still applies).
 * A client that goes away ends the loop at once, also during a wait.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LynkrError, toLynkrError } from '../ir/errors.js';
import { isFirstByteTimeout } from '../providers/upstream-http.js';

export interface RetryOptions {
  maxRetries: number;
  signal?: AbortSignal;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?(info: { attempt: number; delayMs: number; error: LynkrError }): void;
}

/**
 * @example
 * const stream = await callWithRetry(() => adapter.stream(call), { maxRetries: 2, signal });
 */
export async function callWithRetry<T>(attempt: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const { maxRetries, signal, baseDelayMs = 250, maxDelayMs = 20_000 } = opts;
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const e = toLynkrError(err);
      if (!e.retryable || isFirstByteTimeout(e) || i >= maxRetries || signal?.aborted) throw e;
      const delayMs =
        e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : Math.round(baseDelayMs * 2 ** i * (0.5 + Math.random()));
      if (delayMs > maxDelayMs) throw e;
      opts.onRetry?.({ attempt: i + 1, delayMs, error: e });
      try {
        await sleep(delayMs, undefined, { signal });
      } catch {
        throw e; // the client went away while we waited
      }
    }
  }
}
