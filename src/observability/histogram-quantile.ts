/**
 * @module observability/histogram-quantile
 * Percentiles from a prom-client histogram, computed the way Prometheus's
 * `histogram_quantile` does: find the bucket holding the rank and interpolate linearly
 * inside it. Used by the dashboard, which has no Prometheus server to ask.
 * @see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile
 */
import type { Histogram } from 'prom-client';

/** One cumulative bucket: observations ≤ `le`. */
export interface CumulativeBucket {
  le: number;
  count: number;
}

/**
 * The q-quantile (0..1) of cumulative buckets, or undefined without observations. A rank in
 * the `+Inf` bucket yields the largest finite bound, as Prometheus does.
 *
 * @example
 * quantileFromBuckets([{ le: 1, count: 2 }, { le: 2, count: 4 }, { le: Infinity, count: 4 }], 0.5) // 1
 */
export function quantileFromBuckets(buckets: readonly CumulativeBucket[], q: number): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of sorted) {
    if (b.count >= rank && b.count > prevCount) {
      if (b.le === Infinity) return prevLe;
      return prevLe + (b.le - prevLe) * ((rank - prevCount) / (b.count - prevCount));
    }
    if (b.le !== Infinity) prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}

export interface Percentiles {
  count: number;
  p50?: number;
  p90?: number;
  p99?: number;
}

/** p50 / p90 / p99 over every label combination of a histogram, in the histogram's unit. */
export async function histogramPercentiles(metric: Histogram<string>): Promise<Percentiles> {
  const { values } = await metric.get();
  const byLe = new Map<number, number>();
  let count = 0;
  for (const v of values) {
    if (v.metricName?.endsWith('_bucket')) {
      const raw = v.labels.le;
      const le = raw === '+Inf' ? Infinity : Number(raw);
      byLe.set(le, (byLe.get(le) ?? 0) + v.value);
    } else if (v.metricName?.endsWith('_count')) {
      count += v.value;
    }
  }
  const buckets = [...byLe].map(([le, c]) => ({ le, count: c }));
  return {
    count,
    p50: quantileFromBuckets(buckets, 0.5),
    p90: quantileFromBuckets(buckets, 0.9),
    p99: quantileFromBuckets(buckets, 0.99),
  };
}
