/**
 * Streamed requests whose upstream reports no usage still count tokens, marked as estimated:
 * on the pass-through path (a chat client that did not ask for `include_usage`, so OpenAI
 * sends none) and on the translated path (an upstream that ignores `include_usage`).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { eventually, json, scrape, silent, sum, tempDataDir, tokenUsage } from './support.js';

/** An OpenAI-compatible server that streams a chat answer and never reports usage. */
async function startNoUsageUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'local', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }));
      res.write(chunk({ content: 'An answer of forty characters, or so...' }));
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

test('usage the upstream did not report is estimated, counted and marked as estimated', { timeout: 30_000 }, async () => {
  const chatMock = await startMockUpstream({ dialect: 'openai-chat', script: () => ({ text: 'Streamed without a usage chunk.' }) });
  const noUsage = await startNoUsageUpstream();
  const data = await tempDataDir();
  const server = await startServer({
    env: { MODEL_PROVIDER: 'openai', OPENAI_ENDPOINT: chatMock.url, OPENAI_API_KEY: 'sk-test-estimated', LMSTUDIO_ENDPOINT: noUsage.url, LYNKR_DATA_DIR: data.dir },
    port: 0,
    logger: silent,
  });
  try {
    // Pass-through (chat → OpenAI) without stream_options: the upstream sends no usage chunk.
    const chat = await fetch(`${server.url}/v1/chat/completions`, json({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'x'.repeat(400) }] }));
    assert.equal(chat.status, 200);
    assert.doesNotMatch(await chat.text(), /"usage":\{/, 'the client stream is untouched and has no usage');
    // Translated (Responses → LM Studio's chat) with an upstream that ignores include_usage.
    const responses = await fetch(`${server.url}/v1/responses`, json({ model: 'lmstudio:local', input: 'y'.repeat(400), stream: true }));
    assert.equal(responses.status, 200);
    const completed = (await responses.text()).split('\n').find((l) => l.includes('"response.completed"'));
    assert.ok(completed);
    assert.ok(JSON.parse(completed.slice('data: '.length)).response.usage.input_tokens > 0, 'Codex still gets an (estimated) usage');

    await eventually(async () => sum(await scrape(server.url), 'lynkr_requests_total') >= 2, '2 recorded requests');
    const samples = await scrape(server.url);
    assert.equal(sum(samples, 'lynkr_usage_estimated_requests_total'), 2);
    assert.equal(sum(samples, 'lynkr_usage_estimated_requests_total', { provider: 'openai' }), 1);
    assert.equal(sum(samples, 'lynkr_usage_estimated_requests_total', { provider: 'lmstudio', model: 'local' }), 1);
    // ≈ 4 characters per token: 400 characters of prompt are at least 100 tokens.
    assert.ok(sum(samples, 'lynkr_tokens_total', { provider: 'openai', type: 'input' }) >= 100);
    assert.ok(sum(samples, 'lynkr_tokens_total', { provider: 'lmstudio', type: 'input' }) >= 100);
    assert.ok(sum(samples, 'lynkr_tokens_total', { provider: 'lmstudio', type: 'output' }) >= 5);

    const usage = await tokenUsage(server.url);
    assert.equal(usage.totals.requests, 2);
    assert.equal(usage.totals.estimated.requests, 2);
    assert.equal(usage.totals.estimated.input_tokens, usage.totals.input_tokens);
    assert.equal(usage.totals.estimated.output_tokens, usage.totals.output_tokens);
    const local = usage.by_model.find((m: any) => m.provider === 'lmstudio');
    assert.equal(local.estimated.requests, 1);
    assert.equal(local.cost_usd, 0, 'local models cost nothing');
    assert.equal(local.price.source, 'local');
    assert.ok(local.savings_usd > 0, 'the same tokens on the reference model would have cost something');
  } finally {
    await server.close();
    await chatMock.close();
    await noUsage.close();
    await data.remove();
  }
});
