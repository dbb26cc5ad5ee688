/**
 * @module cache/cache-metrics
 * Prometheus metrics of the caches and token savings, on the shared registry served by
 * `GET /metrics` (names are read by the dashboard; change them only together):
 * - `lynkr_cache_requests_total{kind="prompt"|"semantic", result="hit"|"miss"|"error"}`:
 *   lookups; an `error` (store or embeddings unreachable) is answered like a miss.
 * - `lynkr_tokens_saved_total{mechanism}`: tokens not sent or not billed at full price.
 * - `lynkr_cost_saved_usd_total{mechanism}`: the same in estimated US dollars (0 for models
 *   without a known price, e.g. local ones).
 * Mechanisms: `prompt_cache`, `semantic_cache` (a hit saves the whole call: input + output),
 * `provider_cache` (prompt tokens the upstream served from its own cache, at its cached
 * price), `clear_tool_results`, `compact_tool_schemas`, `dedupe_content` (input tokens
 * token optimisation removed, estimated at ≈4 characters a token).
 */
import { Counter } from 'prom-client';
import { metricsRegistry } from '../observability/metrics-registry.js';

export type CacheKind = 'prompt' | 'semantic';
export type CacheResult = 'hit' | 'miss' | 'error';
export type SavingMechanism =
  | 'prompt_cache'
  | 'semantic_cache'
  | 'provider_cache'
  | 'clear_tool_results'
  | 'compact_tool_schemas'
  | 'dedupe_content';

const cacheRequests = new Counter({
  name: 'lynkr_cache_requests_total',
  help: 'Cache lookups by cache kind and result (an error is served as a miss).',
  labelNames: ['kind', 'result'] as const,
  registers: [metricsRegistry],
});

const tokensSaved = new Counter({
  name: 'lynkr_tokens_saved_total',
  help: 'Tokens saved, by mechanism: not sent upstream, or billed at the provider cached price.',
  labelNames: ['mechanism'] as const,
  registers: [metricsRegistry],
});

const costSaved = new Counter({
  name: 'lynkr_cost_saved_usd_total',
  help: 'Estimated US dollars saved, by mechanism (0 for models without a known price).',
  labelNames: ['mechanism'] as const,
  registers: [metricsRegistry],
});

export function recordCacheLookup(kind: CacheKind, result: CacheResult): void {
  cacheRequests.inc({ kind, result });
}

export function recordSavings({ mechanism, tokens, usd = 0 }: { mechanism: SavingMechanism; tokens: number; usd?: number }): void {
  if (tokens > 0) tokensSaved.inc({ mechanism }, tokens);
  if (usd > 0) costSaved.inc({ mechanism }, usd);
}

const MECHANISMS: readonly SavingMechanism[] = ['prompt_cache', 'semantic_cache', 'provider_cache', 'clear_tool_results', 'compact_tool_schemas', 'dedupe_content'];

/** Zeroes every series (at each server start, as Prometheus expects); each exists at 0, so rate() sees it before the first event. */
export function resetCacheMetrics(): void {
  for (const m of [cacheRequests, tokensSaved, costSaved]) m.reset();
  for (const kind of ['prompt', 'semantic'] as const) for (const result of ['hit', 'miss', 'error'] as const) cacheRequests.inc({ kind, result }, 0);
  for (const mechanism of MECHANISMS) {
    tokensSaved.inc({ mechanism }, 0);
    costSaved.inc({ mechanism }, 0);
  }
}

resetCacheMetrics();
