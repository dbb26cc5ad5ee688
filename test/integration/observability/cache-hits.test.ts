/**
 * A request the prompt cache answers is a request (counted, logged as a hit) but no upstream
 * usage: its tokens are neither in lynkr_tokens_total nor in the cost.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { capturedLogger, eventually, json, scrape, sum, tempDataDir, tokenUsage } from './support.js';

test('a prompt-cache hit counts as a request with no tokens and no cost', { timeout: 30_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', script: () => ({ text: 'cached answer', usage: { input: 42, output: 7 } }) });
  const data = await tempDataDir();
  const { log, lines } = capturedLogger('info');
  const server = await startServer({ env: { MODEL_PROVIDER: 'openai', OPENAI_ENDPOINT: upstream.url, OPENAI_API_KEY: 'sk-cache', LYNKR_DATA_DIR: data.dir, PROMPT_CACHE_ENABLED: 'true' }, port: 0, logger: log });
  try {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'the same question' }] };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/v1/chat/completions`, json(body));
      assert.equal(res.status, 200);
      assert.match(await res.text(), /cached answer/);
    }
    assert.equal(upstream.turnRequests.length, 1, 'the second answer came from the cache');
    await eventually(async () => sum(await scrape(server.url), 'lynkr_requests_total') === 2, '2 recorded requests');
    const samples = await scrape(server.url);
    assert.equal(sum(samples, 'lynkr_tokens_total', { type: 'input' }), 42);
    assert.equal(sum(samples, 'lynkr_upstream_latency_seconds_count'), 1);
    const usage = await tokenUsage(server.url);
    assert.equal(usage.totals.requests, 2);
    assert.equal(usage.totals.cache_hits, 1);
    assert.equal(usage.totals.input_tokens, 42);
    assert.deepEqual(lines.filter((l) => l.msg === 'request').map((l) => l.cache), [undefined, 'hit (prompt-cache)']);
  } finally {
    await server.close();
    await upstream.close();
    await data.remove();
  }
});
