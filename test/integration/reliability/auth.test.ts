/**
 * Who may use the proxy (issue 6, "Access"): with LYNKR_API_KEYS set, every route but `HEAD /`,
 * `GET /` and the health probes needs one of the keys (`Authorization: Bearer` or `x-api-key`),
 * including `/metrics` and the dashboard's data, and anything else is a 401 in the caller's
 * dialect. The real clients work with the settings docs/reliability.md gives: Codex's
 * `env_key`, Claude Code's ANTHROPIC_API_KEY.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { startMockUpstream, type MockUpstream } from '../../support/mock-upstream/index.js';
import { runClaude } from '../../support/run-claude.js';
import { runCodex } from '../../support/run-codex.js';
import { assertErrorShape, silent } from './support.js';

const KEYS = ['lynkr-key-alpha-7f3a91', 'lynkr-key-beta-0c2e44'];

/** Every route that must refuse a caller without a key (method, path, body). */
const PROTECTED: Array<[method: string, path: string, body?: unknown]> = [
  ['POST', '/v1/responses', { model: 'gpt-4o', input: 'hi' }],
  ['POST', '/responses', { model: 'gpt-4o', input: 'hi' }],
  ['GET', '/v1/responses/resp_x'],
  ['DELETE', '/v1/responses/resp_x'],
  ['POST', '/v1/responses/compact', { model: 'gpt-4o', input: 'hi' }],
  ['POST', '/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }],
  ['POST', '/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }],
  ['POST', '/v1/messages?beta=true', { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }],
  ['POST', '/messages', { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }],
  ['POST', '/v1/messages/count_tokens?beta=true', { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] }],
  ['POST', '/v1/embeddings', { model: 'nomic-embed-text', input: 'hi' }],
  ['GET', '/v1/models'],
  ['GET', '/models'],
  ['GET', '/metrics'],
  ['GET', '/metrics/token-usage'],
  ['GET', '/dashboard/data'],
  ['GET', '/v1/no-such-route'],
  ['POST', '/health'],
  ['GET', '//v1/models'],
  ['GET', '/health/../v1/models'],
];
const OPEN: Array<[method: string, path: string]> = [
  ['HEAD', '/'],
  ['GET', '/'],
  ['GET', '/health'],
  ['GET', '/health/live'],
  ['GET', '/health/ready'],
  ['GET', '/health/'],
];

/** A raw HTTP/1.1 request, so paths like `/health/../x` reach the server unnormalised. */
function rawRequest(port: number, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; head: string; body: string }> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (payload) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(payload)}`);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${lines.join('\r\n')}\r\n\r\n${payload}`));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head, body: rest.join('\r\n\r\n') });
    });
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${method} ${path}`)));
  });
}

describe('LYNKR_API_KEYS', () => {
  let server: RunningServer;
  let upstream: MockUpstream;
  before(async () => {
    upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'authorised' }) });
    server = await startServer({ env: { LYNKR_API_KEYS: KEYS.join(','), OLLAMA_ENDPOINT: upstream.url }, port: 0, logger: silent });
  });
  after(async () => {
    await server.close();
    await upstream.close();
  });

  test('HEAD /, GET / and the health probes stay open', async () => {
    for (const [method, path] of OPEN) {
      const res = await rawRequest(server.port, method, path, {});
      assert.equal(res.status, 200, `${method} ${path}`);
    }
  });

  test('every other route is a 401 without a key, in the caller\'s dialect, never reaching the upstream', async () => {
    for (const [method, path, body] of PROTECTED) {
      const res = await rawRequest(server.port, method, path, {}, body);
      assert.equal(res.status, 401, `${method} ${path}: ${res.head}`);
      const requestId = /\r\nx-request-id: (\S+)/i.exec(res.head)?.[1];
      assert.ok(requestId, `${method} ${path}: x-request-id`);
      assert.match(res.head, /\r\nx-should-retry: false/i, `${method} ${path}: a retry cannot fix a missing key`);
      const parsed = JSON.parse(res.body);
      if (/^\/(v1\/)?messages/.test(path)) {
        assert.deepEqual(Object.keys(parsed).sort(), ['error', 'request_id', 'type']);
        assert.equal(parsed.error.type, 'authentication_error');
        assert.equal(parsed.request_id, requestId);
      } else {
        assert.equal(parsed.error.code, 'invalid_api_key', `${method} ${path}`);
        assert.match(parsed.error.message, /Missing API key/);
      }
    }
    assert.equal(upstream.requests.length, 0);
  });

  test('either key opens every route, as Bearer or x-api-key', async () => {
    for (const [method, path, body] of PROTECTED) {
      const variants: Array<Record<string, string>> = [{ authorization: `Bearer ${KEYS[0]}` }, { 'x-api-key': KEYS[1] }, { Authorization: `bearer  ${KEYS[1]} ` }];
      for (const headers of variants) {
        const res = await rawRequest(server.port, method, path, headers, body);
        assert.notEqual(res.status, 401, `${method} ${path} with ${Object.keys(headers)[0]}: ${res.body.slice(0, 200)}`);
      }
    }
  });

  test('near-miss keys are refused and never echoed', async () => {
    const wrong: Array<Record<string, string>> = [
      { authorization: `Bearer ${KEYS[0].slice(0, -1)}` },
      { authorization: `Bearer ${KEYS[0]}x` },
      { authorization: `Bearer ${KEYS[0].toUpperCase()}` },
      { authorization: `Basic ${Buffer.from(`user:${KEYS[0]}`).toString('base64')}` },
      { authorization: 'Bearer' },
      { 'x-api-key': '' },
      { 'x-api-key': `${KEYS[0]},${KEYS[1]}` },
    ];
    for (const headers of wrong) {
      for (const path of ['/v1/chat/completions', '/v1/messages']) {
        const res = await rawRequest(server.port, 'POST', path, headers, { model: 'm', messages: [] });
        assert.equal(res.status, 401, `${JSON.stringify(headers)} on ${path}`);
        for (const key of KEYS) assert.ok(!res.body.includes(key) && !res.head.includes(key), 'a key is never echoed');
      }
    }
  });

  test('errors after authentication still come in the caller\'s dialect', async () => {
    const res = await fetch(server.url + '/v1/messages', { method: 'POST', headers: { 'x-api-key': KEYS[0] }, body: '{not json' });
    assert.equal(res.status, 400);
    assertErrorShape('anthropic', { status: res.status, headers: res.headers, text: await res.text(), ms: 0 });
  });

  test('Codex with env_key and Claude Code with ANTHROPIC_API_KEY get through; a wrong key fails fast', async () => {
    const codexOk = await runCodex({ baseUrl: server.url, prompt: 'hello', provider: { env_key: 'LYNKR_API_KEY' }, env: { LYNKR_API_KEY: KEYS[0] }, timeoutMs: 60_000 });
    assert.equal(codexOk.code, 0, codexOk.stderr);
    assert.match(codexOk.stdout, /authorised/);
    const claudeOk = await runClaude({ baseUrl: server.url, prompt: 'hello', model: 'claude-sonnet-4-5', env: { ANTHROPIC_API_KEY: KEYS[1] }, timeoutMs: 60_000 });
    assert.equal(claudeOk.code, 0, claudeOk.stdout + claudeOk.stderr);
    assert.match(claudeOk.stdout, /authorised/);

    const claudeBad = await runClaude({ baseUrl: server.url, prompt: 'hello', model: 'claude-sonnet-4-5', env: { ANTHROPIC_API_KEY: 'not-a-lynkr-key', CLAUDE_CODE_MAX_RETRIES: '5' }, timeoutMs: 60_000 });
    assert.notEqual(claudeBad.code, 0);
    assert.match(claudeBad.stdout + claudeBad.stderr, /401|Invalid API key/i);
    assert.ok(claudeBad.durationMs < 15_000, `x-should-retry: false stops Claude Code's retries (${claudeBad.durationMs} ms)`);
  });
});
