/**
 * The live figures behind the dashboard: histogram percentiles computed like Prometheus's
 * histogram_quantile, cache hit rate read from whatever cache counters are registered, and
 * per-minute series that line up with the stored usage.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { readCacheCounters } from '../../../src/observability/cache-counters.js';
import { buildSeries } from '../../../src/observability/dashboard-data.js';
import { histogramPercentiles, quantileFromBuckets } from '../../../src/observability/histogram-quantile.js';
import { PriceBook } from '../../../src/observability/price-book.js';
import type { MinuteUsage } from '../../../src/store/usage-store.js';

test('quantiles interpolate inside the bucket holding the rank', async () => {
  assert.equal(quantileFromBuckets([{ le: 1, count: 0 }, { le: Infinity, count: 0 }], 0.5), undefined);
  assert.equal(quantileFromBuckets([{ le: 1, count: 2 }, { le: 2, count: 4 }, { le: Infinity, count: 4 }], 0.5), 1);
  assert.equal(quantileFromBuckets([{ le: 1, count: 2 }, { le: 2, count: 4 }, { le: Infinity, count: 4 }], 0.75), 1.5);
  assert.equal(quantileFromBuckets([{ le: 1, count: 1 }, { le: Infinity, count: 2 }], 0.99), 1, 'the +Inf bucket yields the largest finite bound');

  const registry = new Registry();
  const h = new Histogram({ name: 'h_seconds', help: 'h', labelNames: ['p'], buckets: [0.1, 1, 10], registers: [registry] });
  for (let i = 0; i < 90; i++) h.observe({ p: i % 2 ? 'a' : 'b' }, 0.05);
  for (let i = 0; i < 10; i++) h.observe({ p: 'a' }, 5);
  const p = await histogramPercentiles(h);
  assert.equal(p.count, 100);
  assert.ok(Math.abs(p.p50! - 0.0556) < 0.001, String(p.p50)); // rank 50 of 90 in [0, 0.1]
  assert.ok(Math.abs(p.p90! - 0.1) < 1e-9, String(p.p90));
  assert.ok(Math.abs(p.p99! - 9.1) < 1e-9, String(p.p99)); // rank 99: 9 of 10 into (1, 10]
});

test('cache hit rate from counters named …hit…/…miss… or labelled result=hit|miss; 0 without any', async () => {
  const empty = new Registry();
  assert.deepEqual(await readCacheCounters(empty), { hits: 0, misses: 0, hitRate: 0 });
  const byName = new Registry();
  new Counter({ name: 'lynkr_cache_hits_total', help: 'h', registers: [byName] }).inc(3);
  new Counter({ name: 'lynkr_cache_misses_total', help: 'm', registers: [byName] }).inc(1);
  new Counter({ name: 'lynkr_tokens_total', help: 'not a cache counter', labelNames: ['type'], registers: [byName] }).inc({ type: 'cached' }, 99);
  assert.deepEqual(await readCacheCounters(byName), { hits: 3, misses: 1, hitRate: 0.75 });
  const byLabel = new Registry();
  const c = new Counter({ name: 'lynkr_cache_lookups_total', help: 'l', labelNames: ['cache', 'result'], registers: [byLabel] });
  c.inc({ cache: 'prompt', result: 'hit' }, 1);
  c.inc({ cache: 'semantic', result: 'miss' }, 3);
  assert.deepEqual(await readCacheCounters(byLabel), { hits: 1, misses: 3, hitRate: 0.25 });
});

test('series: one slot per minute over at least the last hour, costs priced per row', () => {
  const now = Date.parse('2025-03-01T12:10:30Z');
  const minute = (iso: string) => Date.parse(iso) / 1000;
  const row = (at: string, provider: string, input: number): MinuteUsage => ({
    minute: minute(at), provider, model: provider === 'ollama' ? 'qwen' : 'gpt-4o', requests: 1, errors: 0, estimated_requests: 0, cache_hits: 0,
    input_tokens: input, output_tokens: 0, cached_input_tokens: 0, cache_write_input_tokens: 0, reasoning_tokens: 0, estimated_input_tokens: 0, estimated_output_tokens: 0,
  });
  const rows = [row('2025-03-01T12:05:00Z', 'openai', 1_000_000), row('2025-03-01T12:07:00Z', 'ollama', 1000)];
  const s = buildSeries({ rows, prices: new PriceBook(), hours: 24, now });
  assert.equal(s.step_seconds, 60);
  assert.equal(s.t.length, 60);
  assert.equal(s.t[0], minute('2025-03-01T11:11:00Z'));
  assert.equal(s.t.at(-1), minute('2025-03-01T12:10:00Z'));
  const at = (iso: string) => s.t.indexOf(minute(iso));
  assert.equal(s.requests.reduce((a, b) => a + b, 0), 2);
  assert.equal(s.requests[at('2025-03-01T12:05:00Z')], 1);
  assert.equal(s.cost_usd[at('2025-03-01T12:05:00Z')], 2.5);
  assert.equal(s.cost_usd.reduce((a, b) => a + b, 0), 2.5, 'ollama costs nothing');
  assert.equal(s.tokens_by_provider.ollama[at('2025-03-01T12:07:00Z')], 1000);
  assert.equal(s.tokens_by_provider.openai[at('2025-03-01T12:05:00Z')], 1_000_000);
  // A day of usage is bucketed in 2-minute steps (at most 720 points).
  const day = buildSeries({ rows: [row('2025-02-28T12:11:00Z', 'openai', 1)], prices: new PriceBook(), hours: 24, now });
  assert.equal(day.step_seconds, 120);
  assert.ok(day.t.length <= 721);
  assert.equal(day.requests.reduce((a, b) => a + b, 0), 1);
});
