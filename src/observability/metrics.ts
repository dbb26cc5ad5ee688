/**
 * @module observability/metrics
 * Lynkr's request metrics on the shared prom-client registry (served by `GET /metrics`):
 *
 * | metric | labels | meaning |
 * |---|---|---|
 * | `lynkr_requests_total` | route, provider, model, status | model requests (not health, metrics, dashboard, count_tokens) |
 * | `lynkr_tokens_total` | provider, model, type | type = input, output, cached, reasoning |
 * | `lynkr_usage_estimated_requests_total` | provider, model | requests whose upstream reported no usage (Lynkr estimated it) |
 * | `lynkr_upstream_latency_seconds` | provider | request start → upstream status and headers (retries included) |
 * | `lynkr_time_to_first_token_seconds` | provider, model | request start → first text, reasoning or tool-call delta |
 * | `lynkr_request_duration_seconds` | route, provider | request start → last byte sent (or client gone) |
 * | `lynkr_upstream_errors_total` | provider, kind | requests that ended in an upstream failure; kind = Lynkr error code |
 * | `lynkr_upstream_retries_total` | provider, kind | retries before the first byte; kind = the failure retried |
 * | `lynkr_active_streams` | — | streamed answers being sent right now |
 *
 * Counters start from zero at each start (`resetRequestMetrics`), as Prometheus expects.
 * Label values come from routing (the model Lynkr sent upstream), never from free text.
 * @see https://prometheus.io/docs/practices/naming/
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry.js';

const registers = [metricsRegistry];

/** Seconds; fine at the low end for loopback and cloud latency, wide for slow local models. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];

export const requestsTotal = new Counter({
  name: 'lynkr_requests_total',
  help: 'Model requests handled, by route, provider, upstream model and HTTP status.',
  labelNames: ['route', 'provider', 'model', 'status'] as const,
  registers,
});

export const tokensTotal = new Counter({
  name: 'lynkr_tokens_total',
  help: 'Tokens reported by upstreams (or estimated when they reported none), by type: input (whole prompt), output, cached (prompt tokens read from a prompt cache), reasoning (part of output).',
  labelNames: ['provider', 'model', 'type'] as const,
  registers,
});

export const estimatedUsageRequestsTotal = new Counter({
  name: 'lynkr_usage_estimated_requests_total',
  help: 'Requests whose upstream reported no token usage, so Lynkr estimated it (about 4 characters per token).',
  labelNames: ['provider', 'model'] as const,
  registers,
});

export const upstreamLatencySeconds = new Histogram({
  name: 'lynkr_upstream_latency_seconds',
  help: 'Time from the start of a model request to the upstream response headers, retries included.',
  labelNames: ['provider'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});

export const timeToFirstTokenSeconds = new Histogram({
  name: 'lynkr_time_to_first_token_seconds',
  help: 'Time from the start of a model request to the first generated text, reasoning or tool-call delta.',
  labelNames: ['provider', 'model'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});

export const requestDurationSeconds = new Histogram({
  name: 'lynkr_request_duration_seconds',
  help: 'Total duration of a model request, until the last byte was sent or the client went away.',
  labelNames: ['route', 'provider'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});

export const upstreamErrorsTotal = new Counter({
  name: 'lynkr_upstream_errors_total',
  help: 'Model requests that ended in an upstream failure, by provider and kind (Lynkr error code: upstream_unavailable, upstream_timeout, rate_limited, ...).',
  labelNames: ['provider', 'kind'] as const,
  registers,
});

export const upstreamRetriesTotal = new Counter({
  name: 'lynkr_upstream_retries_total',
  help: 'Upstream calls retried before the first byte, by provider and the kind of failure retried.',
  labelNames: ['provider', 'kind'] as const,
  registers,
});

/** Sources of the active-streams gauge, one per running server (read at scrape time). */
const streamCounters = new Set<() => number>();

export const activeStreams = new Gauge({
  name: 'lynkr_active_streams',
  help: 'Streamed model answers being sent to clients right now.',
  registers,
  collect() {
    let n = 0;
    for (const count of streamCounters) n += count();
    this.set(n);
  },
});

/** Adds a source of currently open streams to the gauge; returns its removal. */
export function addActiveStreamSource(count: () => number): () => void {
  streamCounters.add(count);
  return () => streamCounters.delete(count);
}

/** Counts one retry; passed to `callWithRetry` as `onRetry` by the pipeline. */
export function countUpstreamRetry(provider: string, kind: string): void {
  upstreamRetriesTotal.inc({ provider, kind });
}

/** Zeroes this module's metrics (called when a server starts, so each start counts from zero). */
export function resetRequestMetrics(): void {
  for (const m of [
    requestsTotal,
    tokensTotal,
    estimatedUsageRequestsTotal,
    upstreamLatencySeconds,
    timeToFirstTokenSeconds,
    requestDurationSeconds,
    upstreamErrorsTotal,
    upstreamRetriesTotal,
  ]) {
    m.reset();
  }
}
