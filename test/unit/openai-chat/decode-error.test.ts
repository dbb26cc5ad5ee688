import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { retryAfterSeconds, upstreamErrorMessage } from '../../../src/dialects/shared/upstream-error.js';

const decode = (status: number, body: unknown, headers: Record<string, string> = {}) => openaiChatCodec.decodeError(status, body, headers);

test('decodeError: context overflow by code and by the words of each server', () => {
  const cases: unknown[] = [
    { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', code: 'context_length_exceeded' } },
    { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error' } },
    { object: 'error', message: "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens.", code: 400 },
    'prompt is too long: 250000 tokens > 200000 maximum',
  ];
  for (const body of cases) {
    const err = decode(400, body);
    assert.equal(err.code, 'context_length_exceeded', JSON.stringify(body));
    assert.equal(err.upstreamStatus, 400);
  }
});

test('decodeError: status mapping', () => {
  const body = { error: { message: 'nope', type: 'x' } };
  const table: Array<[number, string]> = [
    [400, 'upstream_bad_request'],
    [422, 'upstream_bad_request'],
    [401, 'upstream_auth'],
    [403, 'upstream_auth'],
    [404, 'model_not_found'],
    [413, 'request_too_large'],
    [429, 'rate_limited'],
    [500, 'upstream_error'],
    [502, 'upstream_error'],
    [503, 'overloaded'],
    [529, 'overloaded'],
    [418, 'upstream_bad_request'],
  ];
  for (const [status, code] of table) {
    const err = decode(status, body);
    assert.equal(err.code, code, String(status));
    assert.equal(err.upstreamStatus, status);
    assert.equal(err.message, 'nope');
  }
});

test('decodeError: LM Studio 404 keeps its message; insufficient_quota told from rate limits', () => {
  const nf = decode(404, { error: { message: 'Model "qwen-x" not found. Please load it first.' } });
  assert.equal(nf.code, 'model_not_found');
  assert.equal(nf.message, 'Model "qwen-x" not found. Please load it first.');
  assert.equal(decode(400, { error: 'No models loaded. Please load a model in the developer page or use the `lms load` command.' }).code, 'model_not_found');
  assert.equal(decode(400, { error: { message: 'model "x" not found' } }).code, 'model_not_found');
  assert.equal(decode(400, { error: { message: 'tools[0].function.parameters is not a valid JSON schema' } }).code, 'upstream_bad_request');
  const quota = decode(429, { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } });
  assert.equal(quota.code, 'insufficient_quota');
  assert.equal(quota.retryable, false);
});

test('decodeError: Retry-After in seconds, as an HTTP date, or retry-after-ms', () => {
  assert.equal(decode(429, { error: { message: 'slow' } }, { 'Retry-After': '7' }).retryAfterSeconds, 7);
  assert.equal(decode(429, 'slow', { 'retry-after-ms': '1500' }).retryAfterSeconds, 1.5);
  const now = Date.parse('2026-11-25T12:00:00Z');
  assert.equal(retryAfterSeconds({ 'retry-after': 'Wed, 25 Nov 2026 12:00:30 GMT' }, now), 30);
  assert.equal(retryAfterSeconds({ 'retry-after': 'soon' }, now), undefined);
  assert.equal(decode(429, 'slow').retryAfterSeconds, undefined);
  assert.equal(decode(503, 'busy', { 'retry-after': '3' }).retryAfterSeconds, 3);
});

test('upstreamErrorMessage: the many body shapes', () => {
  assert.equal(upstreamErrorMessage({ error: { message: 'a' } }), 'a');
  assert.equal(upstreamErrorMessage({ error: 'b' }), 'b');
  assert.equal(upstreamErrorMessage({ message: 'c' }), 'c');
  assert.equal(upstreamErrorMessage('  d  '), 'd');
  assert.equal(upstreamErrorMessage({ weird: 1 }), '{"weird":1}');
  assert.equal(upstreamErrorMessage(undefined), 'Upstream error (empty body)');
});
