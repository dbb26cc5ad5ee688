/**
 * POST /v1/messages/count_tokens: counts every captured Claude Code request with the BPE
 * tokenizer (growing with content), and asks an Anthropic upstream for its own count.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { startServer } from '../../../src/server/start-server.js';
import { loadCaptured } from '../../support/fixtures.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';

const silent = pino({ level: 'silent' });
const count = async (url: string, body: unknown) => {
  const res = await fetch(`${url}/v1/messages/count_tokens?beta=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { input_tokens?: number; error?: { type: string } } };
};

test('count_tokens answers every captured Claude Code request; more content, more tokens', async () => {
  const server = await startServer({ env: { OLLAMA_ENDPOINT: 'http://127.0.0.1:9' }, port: 0, logger: silent });
  try {
    for (const fx of loadCaptured('claude-code-2.1.197')) {
      const { max_tokens: _m, stream: _s, ...body } = fx.body;
      const res = await count(server.url, body);
      assert.equal(res.status, 200, fx.name);
      const n = res.body.input_tokens!;
      assert.ok(Number.isInteger(n) && n > 1000, `${fx.name}: ${n}`);
      const bigger = { ...body, messages: [...body.messages, { role: 'user', content: 'Please also explain the difference between a process and a thread in detail.' }] };
      const more = (await count(server.url, bigger)).body.input_tokens!;
      assert.ok(more > n, `${fx.name}: ${more} > ${n}`);
    }
    const bad = await count(server.url, { model: 'claude-sonnet-4-5', messages: 'nope' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error?.type, 'invalid_request_error');
  } finally {
    await server.close();
  }
});

test('count_tokens with an Anthropic upstream returns the upstream count', async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', script: () => ({ text: 'unused' }) });
  const server = await startServer({ env: { MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-count', ANTHROPIC_ENDPOINT: upstream.url }, port: 0, logger: silent });
  try {
    const body = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hello there' }], system: 'be brief' };
    const res = await count(server.url, body);
    assert.equal(res.status, 200);
    const call = upstream.requests.find((r) => r.path === '/v1/messages/count_tokens');
    assert.ok(call, 'the upstream was asked');
    assert.equal(call.headers['x-api-key'], 'sk-ant-count');
    // The mock counts ≈ chars/4 of [system, messages, tools]; Lynkr returns exactly that number.
    const expected = Math.ceil(JSON.stringify(['be brief', body.messages, []]).length / 4);
    assert.equal(res.body.input_tokens, expected);
  } finally {
    await server.close();
    await upstream.close();
  }
});
