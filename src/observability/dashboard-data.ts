/**
 * @module observability/dashboard-data
 * Everything the dashboard page draws, in one JSON document (`GET /dashboard/data`):
 * the token-usage report (the same object `/metrics/token-usage` serves, so the page and
 * the API cannot disagree), per-minute series from the usage store for the charts, and the
 * live figures of this run from the Prometheus registry: latency percentiles, active
 * streams, cache hit rate, and what caches and token optimisation saved (the cache
 * metrics' names, `lynkr_cache_requests_total`, `lynkr_tokens_saved_total` and
 * `lynkr_cost_saved_usd_total`, are shared with cache/cache-metrics.ts).
 */
import type { MinuteUsage } from '../store/usage-store.js';
import { counterTotal, readCacheCounters } from './cache-counters.js';
import { histogramPercentiles, type Percentiles } from './histogram-quantile.js';
import { metricsRegistry } from './metrics-registry.js';
import { activeStreams, requestDurationSeconds, timeToFirstTokenSeconds, upstreamLatencySeconds } from './metrics.js';
import type { Observability } from './observability.js';
import type { PriceBook } from './price-book.js';
import { addUsage, emptyBreakdown, type TokenUsageReport, type UsageBreakdown } from './token-usage-report.js';

/** Column-oriented series (uPlot's data layout): `t` in epoch seconds, one value per step. */
export interface UsageSeries {
  step_seconds: number;
  t: number[];
  requests: number[];
  errors: number[];
  input_tokens: number[];
  output_tokens: number[];
  cost_usd: number[];
  reference_cost_usd: number[];
  /** input + output tokens per provider. */
  tokens_by_provider: Record<string, number[]>;
}

export interface DashboardData {
  usage: TokenUsageReport;
  series: UsageSeries;
  live: {
    started_at: string;
    uptime_seconds: number;
    active_streams: number;
    /** Seconds, from this run's histograms (Prometheus-style interpolation). */
    latency: { request: Percentiles; upstream: Percentiles; first_token: Percentiles };
    cache: { hits: number; misses: number; hit_rate: number };
    /** What caches and token optimisation saved this run (cache/cache-metrics.ts), 0 without them. */
    saved: { tokens: number; cost_usd: number };
  };
}

/** The longest window the per-minute buckets cover. */
export const MAX_SERIES_HOURS = 8 * 24;
const MIN_SERIES_MINUTES = 60;

/** Buckets the minute rows into steps from the first recorded minute (at least an hour back) to now. */
export function buildSeries({ rows, prices, hours, now }: { rows: MinuteUsage[]; prices: PriceBook; hours: number; now: number }): UsageSeries {
  const nowMinute = Math.floor(now / 60_000) * 60;
  const earliest = nowMinute - Math.round(hours * 3600);
  // At least the last hour, so a fresh start still draws a time axis rather than one point.
  const first = Math.max(earliest, Math.min(rows[0]?.minute ?? Infinity, nowMinute - (MIN_SERIES_MINUTES - 1) * 60));
  const step = 60 * Math.max(1, Math.ceil((nowMinute - first) / 60 / 720));
  const start = Math.floor(first / step) * step;
  const n = Math.floor((nowMinute - start) / step) + 1;
  const slots: UsageBreakdown[] = [];
  const byProvider: Record<string, number[]> = {};
  const series: UsageSeries = { step_seconds: step, t: [], requests: [], errors: [], input_tokens: [], output_tokens: [], cost_usd: [], reference_cost_usd: [], tokens_by_provider: byProvider };
  for (let i = 0; i < n; i++) {
    slots.push(emptyBreakdown());
    series.t.push(start + i * step);
  }
  for (const row of rows) {
    const i = Math.floor((row.minute - start) / step);
    if (i < 0 || i >= n) continue;
    addUsage(slots[i], row, prices);
    (byProvider[row.provider] ??= new Array(n).fill(0))[i] += row.input_tokens + row.output_tokens;
  }
  for (const s of slots) {
    series.requests.push(s.requests);
    series.errors.push(s.errors);
    series.input_tokens.push(s.input_tokens);
    series.output_tokens.push(s.output_tokens);
    series.cost_usd.push(s.cost_usd);
    series.reference_cost_usd.push(s.reference_cost_usd);
  }
  return series;
}

export async function buildDashboardData(obs: Observability, { hours = 24, now = Date.now() }: { hours?: number; now?: number } = {}): Promise<DashboardData> {
  const span = Math.min(Math.max(hours, 1 / 60), MAX_SERIES_HOURS);
  const rows = obs.usage.minutes(Math.floor(now / 1000) - Math.round(span * 3600) - 60);
  const active = (await activeStreams.get()).values[0]?.value ?? 0;
  return {
    usage: obs.tokenUsage(new Date(now)),
    series: buildSeries({ rows, prices: obs.prices, hours: span, now }),
    live: {
      started_at: new Date(obs.startedAt).toISOString(),
      uptime_seconds: Math.round((now - obs.startedAt) / 1000),
      active_streams: active,
      latency: {
        request: await histogramPercentiles(requestDurationSeconds),
        upstream: await histogramPercentiles(upstreamLatencySeconds),
        first_token: await histogramPercentiles(timeToFirstTokenSeconds),
      },
      cache: await cacheFigures(),
      saved: {
        tokens: await counterTotal(metricsRegistry, 'lynkr_tokens_saved_total'),
        cost_usd: Math.round((await counterTotal(metricsRegistry, 'lynkr_cost_saved_usd_total')) * 1e6) / 1e6,
      },
    },
  };
}

async function cacheFigures(): Promise<{ hits: number; misses: number; hit_rate: number }> {
  const { hits, misses, hitRate } = await readCacheCounters(metricsRegistry);
  return { hits, misses, hit_rate: hitRate };
}
