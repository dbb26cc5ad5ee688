/**
 * @module observability/cache-counters
 * Cache hits and misses as the caches report them on the shared registry, for the
 * dashboard's hit rate. The caches own their metric names, so any counter whose name
 * mentions `cache` is read: by name (`…hit…` / `…miss…`) or by a `result` / `outcome` /
 * `status` label whose value is `hit` or `miss` (`error`: a failed lookup, served as a miss).
 * Without cache metrics both are 0. Today that is `lynkr_cache_requests_total{kind,result}`
 * (cache/cache-metrics.ts).
 */
import type { Registry } from 'prom-client';

export interface CacheCounts {
  hits: number;
  misses: number;
  /** hits / (hits + misses), or 0 without lookups. */
  hitRate: number;
}

const OUTCOME_LABELS = ['result', 'outcome', 'status'];

export async function readCacheCounters(registry: Registry): Promise<CacheCounts> {
  let hits = 0;
  let misses = 0;
  for (const metric of await registry.getMetricsAsJSON()) {
    if (String(metric.type) !== 'counter' || !/cache/i.test(metric.name)) continue;
    const byName = /hit/i.test(metric.name) ? 'hit' : /miss/i.test(metric.name) ? 'miss' : undefined;
    for (const v of metric.values) {
      const labels = v.labels as Record<string, string | number | undefined>;
      // A lookup that failed (`error`) was answered like a miss.
      const byLabel = OUTCOME_LABELS.map((l) => String(labels[l] ?? '').toLowerCase())
        .map((x) => (x === 'error' ? 'miss' : x))
        .find((x) => x === 'hit' || x === 'miss');
      const outcome = byName ?? byLabel;
      if (outcome === 'hit') hits += v.value;
      else if (outcome === 'miss') misses += v.value;
    }
  }
  return { hits, misses, hitRate: hits + misses > 0 ? hits / (hits + misses) : 0 };
}

/** The sum of a counter's series, or 0 when no such metric is registered. */
export async function counterTotal(registry: Registry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.reduce((n, v) => n + v.value, 0);
}
