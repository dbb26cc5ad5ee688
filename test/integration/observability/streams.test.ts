/**
 * Streamed answers are written on a hijacked fastify reply, for which `onResponse` does not run
 * when the client goes away mid-stream. Lynkr records on the response's `close` instead: a
 * stream the client abandons is still counted, and the active-streams gauge follows the
 * streams that are open.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { capturedLogger, eventually, json, scrape, sum, tempDataDir } from './support.js';

test('an open stream shows in lynkr_active_streams; an abandoned one is still recorded once', { timeout: 30_000 }, async () => {
  // A slow answer: 40 words, 100 ms apart.
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '), delayMs: 100 }) });
  const data = await tempDataDir();
  const { log, lines } = capturedLogger('info');
  const server = await startServer({ env: { OLLAMA_ENDPOINT: upstream.url, LYNKR_DATA_DIR: data.dir }, port: 0, logger: log });
  try {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/v1/responses`, { ...json({ model: 'm', input: 'hi', stream: true }), signal: controller.signal });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    await reader.read();
    await eventually(async () => sum(await scrape(server.url), 'lynkr_active_streams') === 1, 'one active stream');
    assert.equal(sum(await scrape(server.url), 'lynkr_requests_total'), 0, 'not recorded while still streaming');

    controller.abort();
    await reader.cancel().catch(() => {});
    await eventually(async () => sum(await scrape(server.url), 'lynkr_requests_total') === 1, 'the abandoned stream recorded');
    const samples = await scrape(server.url);
    assert.equal(sum(samples, 'lynkr_active_streams'), 0);
    assert.equal(sum(samples, 'lynkr_requests_total', { route: '/v1/responses', provider: 'ollama', status: '200' }), 1);
    assert.equal(sum(samples, 'lynkr_time_to_first_token_seconds_count'), 1);
    const logged = lines.filter((l) => l.msg === 'request');
    assert.equal(logged.length, 1);
    assert.equal(logged[0].aborted, true);
    assert.equal(logged[0].route, '/v1/responses');
  } finally {
    await server.close();
    await upstream.close();
    await data.remove();
  }
});
