import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaCodec } from '../../../src/dialects/ollama/index.js';

const decode = (status: number, body: unknown, headers: Record<string, string> = {}) => ollamaCodec.decodeError(status, body, headers);

test('decodeError: Ollama {"error"} bodies', () => {
  const table: Array<[number, unknown, string]> = [
    [404, { error: 'model "qwen9:70b" not found, try pulling it first' }, 'model_not_found'],
    [500, { error: 'model "x" not found' }, 'model_not_found'],
    [400, { error: 'input length exceeds the maximum context length' }, 'context_length_exceeded'],
    [400, { error: 'prompt too long; exceeded max context length by 12 tokens' }, 'context_length_exceeded'],
    [400, { error: 'invalid tool: missing name' }, 'upstream_bad_request'],
    [401, { error: 'unauthorized' }, 'upstream_auth'],
    [403, { error: 'forbidden' }, 'upstream_auth'],
    [429, { error: 'too many requests' }, 'rate_limited'],
    [503, { error: 'server busy, please try again.  maximum pending requests exceeded' }, 'overloaded'],
    [500, { error: 'llama runner process has terminated: exit status 2' }, 'upstream_error'],
    [500, { error: 'context canceled' }, 'upstream_error'],
    [502, 'Bad Gateway', 'upstream_error'],
  ];
  for (const [status, body, code] of table) {
    const err = decode(status, body);
    assert.equal(err.code, code, `${status} ${JSON.stringify(body)}`);
    assert.equal(err.upstreamStatus, status);
  }
  assert.equal(decode(404, { error: 'model "qwen9:70b" not found, try pulling it first' }).message, 'model "qwen9:70b" not found, try pulling it first');
  assert.equal(decode(429, { error: 'slow down' }, { 'retry-after': '4' }).retryAfterSeconds, 4);
});
