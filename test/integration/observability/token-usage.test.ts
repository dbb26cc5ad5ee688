/**
 * Issue 7 "done when": after 3 Chat Completions and 2 streamed Responses requests against an
 * upstream that reports 42 input and 7 output tokens each, /metrics shows 5 requests, 210
 * input and 35 output tokens; /metrics/token-usage shows the same and still does after a
 * restart on the same LYNKR_DATA_DIR, while the Prometheus counters start again from zero.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { eventually, json, scrape, silent, sum, tempDataDir, tokenUsage } from './support.js';

test('3 chat + 2 streamed Responses requests: 5 requests, 210 input and 35 output tokens, persisted across a restart', { timeout: 30_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', script: () => ({ text: 'Hello from the mock.', usage: { input: 42, output: 7 } }) });
  const data = await tempDataDir();
  const env = { MODEL_PROVIDER: 'openai', OPENAI_ENDPOINT: upstream.url, OPENAI_API_KEY: 'sk-test-observability', OPENAI_MODEL: 'gpt-4o', LYNKR_DATA_DIR: data.dir };
  try {
    let server = await startServer({ env, port: 0, logger: silent });
    try {
      // Distinct prompts: a repeated one would be answered by the prompt cache (see cache-hits.test.ts).
      const chat = (n: number) => ({ model: 'gpt-4o', messages: [{ role: 'user', content: `Say hello ${n}.` }] });
      for (const body of [chat(1), chat(2), { ...chat(3), stream: true, stream_options: { include_usage: true } }]) {
        const res = await fetch(`${server.url}/v1/chat/completions`, json(body));
        assert.equal(res.status, 200);
        await res.text();
      }
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${server.url}/v1/responses`, json({ model: 'gpt-4o', input: `Say hello ${4 + i}.`, stream: true }));
        assert.equal(res.status, 200);
        assert.match(await res.text(), /response\.completed/);
      }
      // Requests that are not model requests never count.
      await fetch(`${server.url}/health`);
      await fetch(`${server.url}/dashboard`);
      await fetch(`${server.url}/metrics/token-usage`);
      await fetch(`${server.url}/v1/messages/count_tokens`, json({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }));

      await eventually(async () => sum(await scrape(server.url), 'lynkr_requests_total') >= 5, '5 recorded requests');
      const samples = await scrape(server.url);
      assert.equal(sum(samples, 'lynkr_requests_total'), 5);
      assert.equal(sum(samples, 'lynkr_requests_total', { route: '/v1/chat/completions', provider: 'openai', model: 'gpt-4o', status: '200' }), 3);
      assert.equal(sum(samples, 'lynkr_requests_total', { route: '/v1/responses', status: '200' }), 2);
      assert.equal(sum(samples, 'lynkr_tokens_total', { type: 'input' }), 210);
      assert.equal(sum(samples, 'lynkr_tokens_total', { type: 'output' }), 35);
      assert.equal(sum(samples, 'lynkr_usage_estimated_requests_total'), 0);
      // Every request went upstream: each has an upstream latency, a first token and a duration.
      assert.equal(sum(samples, 'lynkr_upstream_latency_seconds_count'), 5);
      assert.equal(sum(samples, 'lynkr_time_to_first_token_seconds_count'), 5);
      assert.equal(sum(samples, 'lynkr_request_duration_seconds_count'), 5);
      assert.equal(sum(samples, 'lynkr_active_streams'), 0);

      const usage = await tokenUsage(server.url);
      assert.equal(usage.totals.requests, 5);
      assert.equal(usage.totals.input_tokens, 210);
      assert.equal(usage.totals.output_tokens, 35);
      assert.equal(usage.totals.estimated.requests, 0);
      assert.equal(usage.by_provider.length, 1);
      assert.equal(usage.by_provider[0].provider, 'openai');
      assert.equal(usage.by_model[0].model, 'gpt-4o');
      assert.deepEqual(usage.by_model[0].price, { input: 2.5, output: 10, cached: 1.25, source: 'builtin' });
      assert.equal(usage.by_day.length, 1);
      assert.equal(usage.by_day[0].day, new Date().toISOString().slice(0, 10));
      // gpt-4o: 210 × $2.50/M + 35 × $10/M; reference claude-sonnet-4-5: 210 × $3/M + 35 × $15/M.
      assert.equal(usage.totals.cost_usd, 0.000875);
      assert.equal(usage.reference_model.model, 'claude-sonnet-4-5');
      assert.equal(usage.totals.reference_cost_usd, 0.001155);
      assert.equal(usage.totals.savings_usd, 0.00028);
      assert.equal(usage.persistent, true);
    } finally {
      await server.close();
    }

    server = await startServer({ env, port: 0, logger: silent });
    try {
      const usage = await tokenUsage(server.url);
      assert.equal(usage.totals.requests, 5);
      assert.equal(usage.totals.input_tokens, 210);
      assert.equal(usage.totals.output_tokens, 35);
      const samples = await scrape(server.url);
      assert.equal(sum(samples, 'lynkr_requests_total'), 0, 'Prometheus counters start from zero at each start');
      assert.equal(sum(samples, 'lynkr_tokens_total'), 0);
    } finally {
      await server.close();
    }
  } finally {
    await upstream.close();
    await data.remove();
  }
});
