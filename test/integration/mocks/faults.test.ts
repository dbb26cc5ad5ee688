/**
 * Fault injection and server behaviour shared by every dialect: scripted HTTP errors, delays, socket
 * cuts, in-stream errors, script failures, recording and prompt shutdown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { startMockUpstream, type MockDialect } from '../../support/mock-upstream/index.js';

/** Text dialects (bedrock's binary frames are cut and counted in bedrock-mock.test.ts). */
const TURN_PATHS: Record<Exclude<MockDialect, 'bedrock'>, string> = {
  ollama: '/api/chat',
  'openai-chat': '/v1/chat/completions',
  anthropic: '/v1/messages',
  'openai-responses': '/v1/responses',
};

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const STREAM_BODY = { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }], input: 'hi', max_tokens: 10 };

test('scripted HTTP error: status, JSON body and headers, before any stream byte', async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-chat',
    script: () => ({ error: { status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error' } }, headers: { 'retry-after': '2' } } }),
  });
  try {
    const res = await post(`${upstream.url}/v1/chat/completions`, STREAM_BODY);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '2');
    assert.ok(res.headers.get('x-request-id'));
    assert.deepEqual(await res.json(), { error: { message: 'slow down', type: 'rate_limit_error' } });
  } finally {
    await upstream.close();
  }
});

test('firstByteDelayMs delays the headers; delayMs spaces the frames', async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'abcdefgh', firstByteDelayMs: 150, delayMs: 40 }) });
  try {
    const started = Date.now();
    const res = await post(`${upstream.url}/api/chat`, STREAM_BODY);
    const headersAt = Date.now() - started;
    const lines = (await res.text()).split('\n').filter(Boolean);
    const totalMs = Date.now() - started;
    assert.ok(headersAt >= 140, `headers after ${headersAt} ms`);
    assert.equal(lines.length, 5); // 4 text pieces + done
    assert.ok(totalMs >= 150 + 4 * 40 - 10, `stream took ${totalMs} ms`);
  } finally {
    await upstream.close();
  }
});

for (const dialect of Object.keys(TURN_PATHS) as Array<keyof typeof TURN_PATHS>) {
  test(`${dialect}: cutAfterChunks destroys the socket after exactly N frames`, async () => {
    const upstream = await startMockUpstream({ dialect, script: () => ({ text: 'one two three four five six', cutAfterChunks: 2 }) });
    try {
      const res = await post(`${upstream.url}${TURN_PATHS[dialect]}`, STREAM_BODY);
      assert.equal(res.status, 200);
      const reader = res.body!.getReader();
      let received = '';
      const decoder = new TextDecoder();
      await assert.rejects(async () => {
        for (let i = 0; i < 100; i++) {
          const { done, value } = await reader.read();
          if (done) throw new Error('stream ended cleanly');
          received += decoder.decode(value, { stream: true });
        }
      }, /terminated|other side closed|socket/i);
      const separator = dialect === 'ollama' ? '\n' : '\n\n';
      assert.equal(received.split(separator).filter(Boolean).length, 2);
    } finally {
      await upstream.close();
    }
  });
}

test('cutAfterChunks on a non-streaming request cuts the JSON body', async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', script: () => ({ text: 'hello', cutAfterChunks: 0 }) });
  try {
    const res = await post(`${upstream.url}/v1/messages`, { ...STREAM_BODY, stream: false });
    await assert.rejects(res.text(), /terminated|other side closed/i);
  } finally {
    await upstream.close();
  }
});

test('streamError renders each dialect natively', async () => {
  const ollama = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'partial answer', streamError: { message: 'model crashed', afterChunks: 2 } }) });
  const chat = await startMockUpstream({ dialect: 'openai-chat', script: () => ({ text: 'partial answer', streamError: { message: 'upstream broke' } }) });
  try {
    const stream = await new Ollama({ host: ollama.url }).chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    await assert.rejects(async () => {
      for await (const _part of stream);
    }, /model crashed/);

    const sdk = new OpenAI({ baseURL: `${chat.url}/v1`, apiKey: 'k', maxRetries: 0 });
    await assert.rejects(async () => {
      for await (const _chunk of await sdk.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true }));
    }, /upstream broke/);
    const raw = await (await post(`${chat.url}/v1/chat/completions`, STREAM_BODY)).text();
    assert.doesNotMatch(raw, /\[DONE\]/);
  } finally {
    await ollama.close();
    await chat.close();
  }
});

test('script failures become a 500 and are collected; unknown routes and bad JSON get dialect errors', async () => {
  const upstream = await startMockUpstream({
    dialect: 'anthropic',
    script: () => {
      throw new Error('boom');
    },
  });
  try {
    const failed = await post(`${upstream.url}/v1/messages`, STREAM_BODY);
    assert.equal(failed.status, 500);
    assert.deepEqual(((await failed.json()) as { error: { type: string } }).error.type, 'api_error');
    assert.equal(upstream.scriptErrors[0].message, 'boom');

    const missing = await post(`${upstream.url}/v1/nothing`, {});
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { type: string }).type, 'error');

    const bad = await fetch(`${upstream.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    assert.equal(bad.status, 400);
    assert.equal(upstream.requests.length, 3);
    assert.equal(upstream.requests[2].rawBody, '{oops');
  } finally {
    await upstream.close();
  }
});

test('apiKey: missing or wrong credentials get 401, the right one passes', async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', apiKey: 'secret', script: () => ({ text: 'ok' }) });
  try {
    const url = `${upstream.url}/v1/messages`;
    const body = JSON.stringify({ model: 'm', max_tokens: 5, messages: [] });
    assert.equal((await fetch(url, { method: 'POST', body })).status, 401);
    assert.equal((await fetch(url, { method: 'POST', body, headers: { 'x-api-key': 'nope' } })).status, 401);
    assert.equal((await fetch(url, { method: 'POST', body, headers: { 'x-api-key': 'secret' } })).status, 200);
    assert.equal((await fetch(url, { method: 'POST', body, headers: { authorization: 'Bearer secret' } })).status, 200);
  } finally {
    await upstream.close();
  }
});

test('turns are counted per script call; close() ends a long-delayed stream promptly', async () => {
  const turns: number[] = [];
  const upstream = await startMockUpstream({
    dialect: 'openai-responses',
    script: (_req, turn) => {
      turns.push(turn);
      return turn === 0 ? { text: 'first' } : { text: 'slow', delayMs: 60_000 };
    },
  });
  const first = await (await post(`${upstream.url}/v1/responses`, STREAM_BODY)).text();
  assert.match(first, /response\.completed/);
  const slow = await post(`${upstream.url}/responses`, STREAM_BODY);
  const reading = slow.text().catch((error: Error) => error);
  const started = Date.now();
  await upstream.close();
  assert.ok((await reading) instanceof Error, 'the cut stream errors on the client');
  assert.ok(Date.now() - started < 2000, 'close() does not wait for the delays');
  assert.deepEqual(turns, [0, 1]);
  assert.deepEqual(upstream.turnRequests.map((r) => r.path), ['/v1/responses', '/responses']);
});
