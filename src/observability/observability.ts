/**
 * @module observability/observability
 * The observability services of one running server, opened at start and closed at shutdown:
 * the usage store in LYNKR_DATA_DIR, the price book (built-in table, the data directory's
 * `model-prices.json`, MODEL_PRICE_OVERRIDES), the debug log of upstream request bodies, and
 * Prometheus metrics reset to zero.
 *
 * @example
 * const obs = openObservability({ config, log });
 * try { serve(obs); } finally { obs.close(); } // idempotent
 */
import type { Config } from '../config/index.js';
import { UsageStore } from '../store/usage-store.js';
import type { Logger } from './logger.js';
import { resetRequestMetrics } from './metrics.js';
import { PriceBook, readPriceFile } from './price-book.js';
import { recordRequest, type CompletedRequest } from './record-request.js';
import { buildTokenUsageReport, type TokenUsageReport } from './token-usage-report.js';
import { logUpstreamRequests } from './upstream-debug-log.js';

export interface Observability {
  readonly usage: UsageStore;
  readonly prices: PriceBook;
  /** Epoch milliseconds when this server's counters started. */
  readonly startedAt: number;
  /** True when LOG_LEVEL asks for upstream bodies and decoded events. */
  readonly debug: boolean;
  /** Records a finished model request (metrics, usage store, access log line on `log`). */
  record(done: CompletedRequest, log: Logger): void;
  tokenUsage(now?: Date): TokenUsageReport;
  /** Flushes and closes the usage store. Safe to call more than once. */
  close(): void;
}

export function openObservability({ config, log, flushIntervalMs }: { config: Config; log: Logger; flushIntervalMs?: number }): Observability {
  resetRequestMetrics();
  const file = readPriceFile(config.server.dataDir);
  if (file.error) log.warn(`model prices file ignored: ${file.error}`);
  const prices = new PriceBook(file.prices, config.modelPriceOverrides);
  for (const warning of prices.warnings) log.warn(warning);
  const usage = new UsageStore({
    dataDir: config.server.dataDir,
    flushIntervalMs,
    onError: (message, err) => log.error({ err }, message),
  });
  const debug = log.isLevelEnabled('debug');
  const stopDebugLog = debug ? logUpstreamRequests() : () => {};
  let closed = false;
  return {
    usage,
    prices,
    startedAt: Date.now(),
    debug,
    record: (done, requestLog) => {
      try {
        recordRequest(done, { usage, log: requestLog });
      } catch (err) {
        log.error({ err }, 'recording a request failed');
      }
    },
    tokenUsage: (now) => buildTokenUsageReport({ daily: usage.daily(), prices, persistent: usage.persistent, now }),
    close() {
      if (closed) return;
      closed = true;
      stopDebugLog();
      usage.close();
    },
  };
}
