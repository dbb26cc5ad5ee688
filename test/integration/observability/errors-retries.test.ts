/**
 * Upstream failures and retries by kind, and client errors that are not upstream errors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { eventually, json, scrape, silent, sum, tempDataDir, tokenUsage } from './support.js';

test('retries, upstream errors and client errors are counted by kind and status', { timeout: 30_000 }, async () => {
  // Turn 0: 503 (retried), turn 1: an answer; turn 2 and later: 500 (retried once, then given up).
  const upstream = await startMockUpstream({
    dialect: 'ollama',
    script: (_req, turn) =>
      turn === 1 ? { text: 'ok', usage: { input: 10, output: 2 } } : { error: { status: turn === 0 ? 503 : 500, body: { error: 'model is loading' } } },
  });
  const data = await tempDataDir();
  const server = await startServer({ env: { OLLAMA_ENDPOINT: upstream.url, UPSTREAM_MAX_RETRIES: '1', LYNKR_DATA_DIR: data.dir }, port: 0, logger: silent });
  try {
    const ok = await fetch(`${server.url}/v1/chat/completions`, json({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(ok.status, 200);
    await ok.text();
    const failed = await fetch(`${server.url}/v1/messages`, json({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }));
    assert.ok(failed.status >= 500, `status ${failed.status}`);
    await failed.text();
    const bad = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{not json' });
    assert.equal(bad.status, 400);
    await bad.text();

    await eventually(async () => sum(await scrape(server.url), 'lynkr_requests_total') >= 3, '3 recorded requests');
    const samples = await scrape(server.url);
    assert.equal(sum(samples, 'lynkr_upstream_retries_total', { provider: 'ollama' }), 2, 'one retry for the 503, one for the 500');
    const errors = samples.filter((s) => s.name === 'lynkr_upstream_errors_total');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].labels.provider, 'ollama');
    assert.equal(errors[0].value, 1);
    assert.equal(errors[0].labels.kind, 'upstream_error', 'a 500 is an upstream_error');
    assert.equal(sum(samples, 'lynkr_upstream_retries_total', { provider: 'ollama', kind: 'overloaded' }), 1, 'a 503 is retried as overloaded');
    assert.equal(sum(samples, 'lynkr_upstream_retries_total', { provider: 'ollama', kind: 'upstream_error' }), 1);
    assert.equal(sum(samples, 'lynkr_requests_total', { route: '/v1/chat/completions', provider: 'ollama', status: '200' }), 1);
    assert.equal(sum(samples, 'lynkr_requests_total', { route: '/v1/messages', provider: 'ollama', status: String(failed.status) }), 1);
    // The malformed body never reached routing: no provider, a 400, not an upstream error.
    assert.equal(sum(samples, 'lynkr_requests_total', { route: '/v1/chat/completions', provider: 'none', status: '400' }), 1);

    const usage = await tokenUsage(server.url);
    assert.equal(usage.totals.requests, 3);
    assert.equal(usage.totals.errors, 2);
    assert.equal(usage.totals.input_tokens, 10);
  } finally {
    await server.close();
    await upstream.close();
    await data.remove();
  }
});
