import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesCodec as codec, encodeAnthropicError, anthropicSseFrame } from '../../../src/dialects/anthropic-messages/index.js';
import { LynkrError, type LynkrErrorCode } from '../../../src/ir/errors.js';

test('encodeError: status, Anthropic type and headers for every code', () => {
  const expected: Array<[LynkrErrorCode, number, string, Record<string, string>]> = [
    ['invalid_request', 400, 'invalid_request_error', {}],
    ['invalid_json', 400, 'invalid_request_error', {}],
    ['upstream_bad_request', 400, 'invalid_request_error', {}],
    ['content_filter', 400, 'invalid_request_error', {}],
    ['insufficient_quota', 400, 'invalid_request_error', { 'x-should-retry': 'false' }],
    ['unauthorized', 401, 'authentication_error', { 'x-should-retry': 'false' }],
    ['upstream_auth', 401, 'authentication_error', { 'x-should-retry': 'false' }],
    ['permission_denied', 403, 'permission_error', {}],
    ['not_found', 404, 'not_found_error', {}],
    ['model_not_found', 404, 'not_found_error', {}],
    ['request_too_large', 413, 'request_too_large', {}],
    ['rate_limited', 429, 'rate_limit_error', { 'retry-after': '5' }], // a default delay when the upstream named none
    ['overloaded', 529, 'overloaded_error', {}],
    ['upstream_error', 502, 'api_error', {}],
    ['upstream_unavailable', 502, 'api_error', {}],
    ['upstream_timeout', 504, 'api_error', {}],
    ['internal', 500, 'api_error', { 'x-should-retry': 'false' }],
  ];
  for (const [code, status, type, headers] of expected) {
    const e = codec.encodeError(new LynkrError(code, `msg ${code}`));
    assert.equal(e.status, status, code);
    assert.deepEqual(e.headers, headers, code);
    if (code !== 'context_length_exceeded') assert.deepEqual(e.body, { type: 'error', error: { type, message: `msg ${code}` } }, code);
  }
  assert.equal(codec.encodeError, encodeAnthropicError);
});

test('encodeError: retry-after in whole seconds', () => {
  const e = encodeAnthropicError(new LynkrError('rate_limited', 'slow down', { retryAfterSeconds: 2.2 }));
  assert.deepEqual(e.headers, { 'retry-after': '3' });
  const o = encodeAnthropicError(new LynkrError('overloaded', 'busy', { retryAfterSeconds: 10 }));
  assert.equal(o.status, 529);
  assert.equal(o.headers['retry-after'], '10');
});

test('encodeError: context overflow always reads "prompt is too long: N tokens > M maximum"', () => {
  const msg = (m: string) => (encodeAnthropicError(new LynkrError('context_length_exceeded', m)).body as { error: { message: string; type: string } }).error;
  assert.deepEqual(msg('prompt is too long: 250000 tokens > 200000 maximum'), {
    type: 'invalid_request_error',
    message: 'prompt is too long: 250000 tokens > 200000 maximum',
  });
  assert.equal(
    msg("This model's maximum context length is 128000 tokens. However, your messages resulted in 130,500 tokens.").message,
    'prompt is too long: 130500 tokens > 128000 maximum',
  );
  assert.equal(
    msg('request (9000 tokens) exceeds the available context size (8192 tokens), try increasing it').message,
    'prompt is too long: 9000 tokens > 8192 maximum',
  );
  assert.equal(msg('Input is too long for requested model.').message, 'prompt is too long: Input is too long for requested model.');
  assert.equal(encodeAnthropicError(new LynkrError('context_length_exceeded', 'x')).status, 400);
});

test('decodeError: Anthropic bodies and statuses become LynkrError codes', () => {
  const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });
  const cases: Array<[number, unknown, LynkrErrorCode]> = [
    [400, body('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'), 'context_length_exceeded'],
    // Not a prompt overflow: the client can lower max_tokens, so the message must pass through unchanged.
    [400, body('invalid_request_error', 'input length and `max_tokens` exceed context limit: 190000 + 64000 > 200000'), 'upstream_bad_request'],
    [400, body('invalid_request_error', 'too many tokens in the request'), 'context_length_exceeded'],
    [400, body('invalid_request_error', 'tools.0.input_schema: JSON schema is invalid'), 'upstream_bad_request'],
    [400, body('invalid_request_error', 'context_management: unknown edit type'), 'upstream_bad_request'],
    [400, body('invalid_request_error', 'Your credit balance is too low to access the Anthropic API.'), 'insufficient_quota'],
    [401, body('authentication_error', 'invalid x-api-key'), 'upstream_auth'],
    [403, body('permission_error', 'no access'), 'permission_denied'],
    [404, body('not_found_error', 'model: claude-nope'), 'model_not_found'],
    [413, body('request_too_large', 'Request exceeds the maximum allowed number of bytes.'), 'request_too_large'],
    [429, body('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), 'rate_limited'],
    [402, body('billing_error', 'pay up'), 'insufficient_quota'],
    [529, body('overloaded_error', 'Overloaded'), 'overloaded'],
    [503, 'Service Unavailable', 'overloaded'],
    [500, body('api_error', 'Internal server error'), 'upstream_error'],
    [502, '<html>Bad Gateway</html>', 'upstream_error'],
    [408, '', 'upstream_timeout'],
  ];
  for (const [status, b, code] of cases) {
    const err = codec.decodeError(status, b, {});
    assert.ok(LynkrError.isInstance(err));
    assert.equal(err.code, code, `${status} ${JSON.stringify(b)}`);
    assert.equal(err.upstreamStatus, status);
  }
  const long = codec.decodeError(400, body('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'), {});
  assert.equal(long.message, 'prompt is too long: 210000 tokens > 200000 maximum');
  assert.equal(codec.decodeError(500, '', {}).message, 'Anthropic upstream returned HTTP 500');
  assert.equal(codec.decodeError(400, JSON.stringify(body('invalid_request_error', 'as text')), {}).message, 'as text');
  assert.equal(codec.decodeError(401, { error: { message: 'Access denied due to invalid subscription key.' } }, {}).message, 'Access denied due to invalid subscription key.');
});

test('decodeError: retry-after, retry-after-ms and HTTP dates', () => {
  assert.equal(codec.decodeError(429, {}, { 'Retry-After': '7' }).retryAfterSeconds, 7);
  assert.equal(codec.decodeError(429, {}, { 'retry-after-ms': '1500', 'retry-after': '9' }).retryAfterSeconds, 1.5);
  const at = new Date(Date.now() + 30_000).toUTCString();
  const s = codec.decodeError(529, {}, { 'retry-after': at }).retryAfterSeconds!;
  assert.ok(s > 20 && s <= 30, String(s));
  assert.equal(codec.decodeError(429, {}, {}).retryAfterSeconds, undefined);
  assert.equal(codec.decodeError(429, {}, {}).retryable, true);
});

test('anthropicSseFrame renders one event/data frame', () => {
  assert.equal(anthropicSseFrame('ping', {}), 'event: ping\ndata: {"type":"ping"}\n\n');
  assert.equal(
    anthropicSseFrame('content_block_stop', { index: 2 }),
    'event: content_block_stop\ndata: {"type":"content_block_stop","index":2}\n\n',
  );
  assert.equal(anthropicSseFrame('x', { text: 'a\nb' }).split('\n').length, 4);
});
