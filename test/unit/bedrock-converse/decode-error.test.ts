/**
 * decodeError: Bedrock Runtime HTTP errors (type in `x-amzn-ErrorType`, `{"message"}` body, as
 * listed in the ConverseStream API reference) → LynkrError codes of wire-contract §4; and how each
 * client dialect then renders the most important ones.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAnthropicError } from '../../../src/dialects/anthropic-messages/encode-error.js';
import { bedrockConverseCodec as codec, THROTTLING_RETRY_AFTER_SECONDS } from '../../../src/dialects/bedrock-converse/index.js';
import { encodeOpenAIError } from '../../../src/dialects/openai-shared/encode-openai-error.js';

const typeHeader = (type: string) => ({ 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` });

test('each documented Bedrock error type maps to its code', () => {
  const cases: Array<[number, string, string, string]> = [
    [429, 'ThrottlingException', 'Too many requests, please wait before trying again.', 'rate_limited'],
    [400, 'ValidationException', 'Input is too long for requested model.', 'context_length_exceeded'],
    [400, 'ValidationException', 'prompt is too long: 250000 tokens > 200000 maximum', 'context_length_exceeded'],
    [400, 'ValidationException', 'The provided model identifier is invalid.', 'model_not_found'],
    [400, 'ValidationException', 'messages.1.content.0.type: Expected `thinking`', 'upstream_bad_request'],
    [403, 'AccessDeniedException', "You don't have access to the model with the specified model ID.", 'upstream_auth'],
    [403, 'UnrecognizedClientException', 'The security token included in the request is invalid.', 'upstream_auth'],
    [403, 'InvalidSignatureException', 'The request signature we calculated does not match', 'upstream_auth'],
    [404, 'ResourceNotFoundException', 'Model not found', 'model_not_found'],
    [408, 'ModelTimeoutException', 'Model timed out', 'upstream_timeout'],
    [424, 'ModelErrorException', 'The model returned an error', 'upstream_error'],
    [429, 'ModelNotReadyException', 'Model is not ready', 'overloaded'],
    [400, 'ServiceQuotaExceededException', 'Your request exceeds the service quota', 'insufficient_quota'],
    [500, 'InternalServerException', 'Internal server error', 'upstream_error'],
    [503, 'ServiceUnavailableException', 'Bedrock is unable to process your request.', 'overloaded'],
  ];
  for (const [status, type, message, code] of cases) {
    const err = codec.decodeError(status, { message }, typeHeader(type));
    assert.equal(err.code, code, `${type}: ${message}`);
    assert.equal(err.upstreamStatus, status);
    assert.equal(err.message, `${type}: ${message}`);
  }
});

test('without the header the type comes from __type, and failing that the status decides', () => {
  assert.equal(codec.decodeError(403, { __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'bad token' }, {}).code, 'upstream_auth');
  assert.equal(codec.decodeError(429, 'Too Many Requests', {}).code, 'rate_limited');
  assert.equal(codec.decodeError(400, { message: 'Input is too long for requested model.' }, {}).code, 'context_length_exceeded');
  assert.equal(codec.decodeError(502, '<html>Bad Gateway</html>', {}).code, 'upstream_error');
  assert.equal(codec.decodeError(503, '', {}).message, 'Bedrock returned HTTP 503');
});

test('throttling always carries a retry delay: the upstream one when given, else the default', () => {
  assert.equal(codec.decodeError(429, { message: 'slow' }, typeHeader('ThrottlingException')).retryAfterSeconds, THROTTLING_RETRY_AFTER_SECONDS);
  assert.equal(codec.decodeError(429, { message: 'slow' }, { ...typeHeader('ThrottlingException'), 'retry-after': '12' }).retryAfterSeconds, 12);
  assert.equal(codec.decodeError(503, { message: 'x' }, typeHeader('ServiceUnavailableException')).retryAfterSeconds, undefined);
});

test('a throttled Bedrock call reaches Codex as 429 with Retry-After and Claude Code as 429 rate_limit_error with retry-after', () => {
  const err = codec.decodeError(429, { message: 'Too many requests, please wait before trying again.' }, typeHeader('ThrottlingException'));
  const openai = encodeOpenAIError(err);
  assert.equal(openai.status, 429);
  assert.equal(openai.headers['retry-after'], '5');
  assert.deepEqual((openai.body as { error: { type: string; code: string } }).error.code, 'rate_limit_exceeded');
  const anthropic = encodeAnthropicError(err);
  assert.equal(anthropic.status, 429);
  assert.equal(anthropic.headers['retry-after'], '5');
  assert.equal((anthropic.body as { error: { type: string } }).error.type, 'rate_limit_error');
});

test('"Input is too long" reaches Codex as context_length_exceeded and Claude Code as "prompt is too long"', () => {
  const err = codec.decodeError(400, { message: 'Input is too long for requested model.' }, typeHeader('ValidationException'));
  const openai = encodeOpenAIError(err).body as { error: { code: string } };
  assert.equal(openai.error.code, 'context_length_exceeded');
  const anthropic = encodeAnthropicError(err).body as { error: { type: string; message: string } };
  assert.equal(anthropic.error.type, 'invalid_request_error');
  assert.match(anthropic.error.message, /^prompt is too long/);
});
