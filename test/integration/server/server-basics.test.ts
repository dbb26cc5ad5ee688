/**
 * The HTTP surface without any upstream: health probes, errors in the caller's dialect,
 * body limits, client authentication, the WebSocket refusal Codex relies on.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';

const silent = pino({ level: 'silent' });

describe('server basics (no auth)', () => {
  let server: RunningServer;
  before(async () => {
    // An upstream port nobody listens on: model calls fail fast with a connection error.
    server = await startServer({ env: { OLLAMA_ENDPOINT: 'http://127.0.0.1:9', LYNKR_MAX_BODY_MB: '1', UPSTREAM_MAX_RETRIES: '0' }, port: 0, logger: silent });
  });
  after(() => server.close());

  test('health probes and HEAD / answer 200 with a request id', async () => {
    for (const path of ['/health', '/health/live', '/health/ready']) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('x-request-id') ?? '', /^req_/);
    }
    const head = await fetch(server.url + '/', { method: 'HEAD' });
    assert.equal(head.status, 200);
  });

  test('invalid JSON gets a 400 in each caller dialect', async () => {
    const chat = await fetch(server.url + '/v1/chat/completions', { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } });
    assert.equal(chat.status, 400);
    const chatBody = (await chat.json()) as { error: { type: string; message: string } };
    assert.equal(chatBody.error.type, 'invalid_request_error');
    const msgs = await fetch(server.url + '/v1/messages?beta=true', { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } });
    assert.equal(msgs.status, 400);
    const msgBody = (await msgs.json()) as { type: string; error: { type: string } };
    assert.equal(msgBody.type, 'error');
    assert.equal(msgBody.error.type, 'invalid_request_error');
  });

  test('wrong shapes are 400s naming the field, never 500s', async () => {
    const res = await fetch(server.url + '/v1/responses', { method: 'POST', body: JSON.stringify({ model: 'm', input: 42 }) });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { param: string } }).error.param, 'input');
    const res2 = await fetch(server.url + '/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'm', messages: 'hi' }) });
    assert.equal(res2.status, 400);
  });

  test('a body over LYNKR_MAX_BODY_MB is a 413 in the caller dialect', async () => {
    const big = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(1_200_000) }], max_tokens: 5 });
    const res = await fetch(server.url + '/v1/messages', { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 413);
    const body = (await res.json()) as { type: string; error: { type: string } };
    assert.equal(body.error.type, 'request_too_large');
  });

  test('unknown routes are 404 in the OpenAI shape', async () => {
    const res = await fetch(server.url + '/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.ok(((await res.json()) as { error: { message: string } }).error.message.includes('/v1/nothing-here'));
  });

  test('an unreachable upstream is a 502 in the caller dialect, quickly', async () => {
    const started = Date.now();
    const res = await fetch(server.url + '/v1/responses', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', input: 'hi', stream: true }) });
    assert.equal(res.status, 502);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /ollama is unreachable/);
    assert.ok(Date.now() - started < 15_000);
  });

  test('a WebSocket upgrade on /v1/responses is refused with 426 at once', async () => {
    const started = Date.now();
    const { port } = server;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'GET /v1/responses HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        );
      });
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 426/);
    assert.match(reply, /x-request-id: req_/i);
    assert.ok(Date.now() - started < 100, `took ${Date.now() - started} ms`);
  });
});

describe('server with LYNKR_API_KEYS', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ env: { LYNKR_API_KEYS: 'key-one,key-two', OLLAMA_ENDPOINT: 'http://127.0.0.1:9' }, port: 0, logger: silent });
  });
  after(() => server.close());

  test('health stays open; model routes need a key, in either header', async () => {
    assert.equal((await fetch(server.url + '/health')).status, 200);
    const none = await fetch(server.url + '/v1/chat/completions', { method: 'POST', body: '{}' });
    assert.equal(none.status, 401);
    const anthropic = await fetch(server.url + '/v1/messages', { method: 'POST', body: '{}', headers: { 'x-api-key': 'wrong' } });
    assert.equal(anthropic.status, 401);
    assert.equal(((await anthropic.json()) as { error: { type: string } }).error.type, 'authentication_error');
    assert.equal(anthropic.headers.get('x-should-retry'), 'false');
    const ok = await fetch(server.url + '/v1/models', { headers: { authorization: 'Bearer key-two' } });
    assert.equal(ok.status, 200);
    const ok2 = await fetch(server.url + '/v1/models', { headers: { 'x-api-key': 'key-one' } });
    assert.equal(ok2.status, 200);
  });
});

test('a non-loopback HOST without keys refuses to start and says what to set', async () => {
  await assert.rejects(startServer({ env: { HOST: '0.0.0.0' }, port: 0, logger: silent }), /LYNKR_API_KEYS=.*LYNKR_ALLOW_UNAUTHENTICATED=true/s);
});
