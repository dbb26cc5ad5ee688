/**
 * One structured log line per model request; LOG_LEVEL=debug adds the translated upstream
 * request body and the decoded upstream events, with configured secrets scrubbed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { capturedLogger, eventually, json, tempDataDir } from './support.js';

const SECRET = 'sk-live-observability-secret-1234';

test('info: exactly one request line per model request, with ids, models, status, tokens and durations', { timeout: 30_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', script: () => ({ text: 'hello', usage: { input: 12, output: 3 } }) });
  const data = await tempDataDir();
  const { log, lines } = capturedLogger('info', [SECRET]);
  const server = await startServer({ env: { MODEL_PROVIDER: 'openai', OPENAI_ENDPOINT: upstream.url, OPENAI_API_KEY: SECRET, LYNKR_DATA_DIR: data.dir, LOG_LEVEL: 'info' }, port: 0, logger: log });
  try {
    const res = await fetch(`${server.url}/v1/responses`, json({ model: 'gpt-5-codex', input: 'hi', stream: true }));
    await res.text();
    await fetch(`${server.url}/health`);
    await eventually(async () => lines.some((l) => l.msg === 'request'), 'the request line');
    const requestLines = lines.filter((l) => l.msg === 'request');
    assert.equal(requestLines.length, 1, 'health checks are not logged as model requests');
    const line = requestLines[0];
    assert.equal(line.requestId, res.headers.get('x-request-id'));
    assert.equal(line.route, '/v1/responses');
    assert.equal(line.provider, 'openai');
    assert.equal(line.modelRequested, 'gpt-5-codex');
    assert.equal(line.modelUsed, 'gpt-4o');
    assert.equal(line.status, 200);
    assert.equal(line.inputTokens, 12);
    assert.equal(line.outputTokens, 3);
    assert.equal(typeof line.durationMs, 'number');
    assert.equal(typeof line.upstreamLatencyMs, 'number');
    assert.equal(typeof line.firstTokenMs, 'number');
    assert.ok(line.upstreamLatencyMs <= line.firstTokenMs && line.firstTokenMs <= line.durationMs, JSON.stringify(line));
    assert.ok(!lines.some((l) => l.msg === 'upstream request' || l.msg === 'upstream event'), 'bodies only at debug level');
  } finally {
    await server.close();
    await upstream.close();
    await data.remove();
  }
});

test('debug: the translated upstream body and the decoded events, secrets scrubbed', { timeout: 30_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', script: () => ({ text: 'the answer', usage: { input: 12, output: 3 } }) });
  const data = await tempDataDir();
  const { log, lines } = capturedLogger('debug', [SECRET]);
  const server = await startServer({ env: { MODEL_PROVIDER: 'openai', OPENAI_ENDPOINT: upstream.url, OPENAI_API_KEY: SECRET, LYNKR_DATA_DIR: data.dir, LOG_LEVEL: 'debug' }, port: 0, logger: log });
  try {
    // A Responses request goes upstream translated to chat; the prompt happens to contain the key.
    const res = await fetch(`${server.url}/v1/responses`, json({ model: 'gpt-4o', input: `my key is ${SECRET}`, stream: true }));
    await res.text();
    const requestId = res.headers.get('x-request-id');
    await eventually(async () => lines.some((l) => l.msg === 'request'), 'the request line');

    const sent = lines.filter((l) => l.msg === 'upstream request');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].requestId, requestId);
    assert.equal(sent[0].upstream.method, 'POST');
    assert.match(sent[0].upstream.url, /\/chat\/completions$/);
    assert.equal(sent[0].upstream.body.model, 'gpt-4o');
    assert.equal(sent[0].upstream.body.stream, true, 'the translated chat body, as sent');
    assert.equal(sent[0].upstream.body.messages.at(-1).content, 'my key is ***');

    const events = lines.filter((l) => l.msg === 'upstream event' && l.requestId === requestId).map((l) => l.event.type);
    assert.ok(events.includes('text-delta'), events.join(','));
    assert.equal(events.at(-1), 'finish');
    assert.ok(!JSON.stringify(lines).includes(SECRET), 'the key appears in no log line');
    // Requests the test itself makes (global fetch shares undici's channels) are not logged as upstream calls.
    assert.ok(sent.every((l) => !String(l.upstream.url).startsWith(server.url)));
  } finally {
    await server.close();
    await upstream.close();
    await data.remove();
  }
});
