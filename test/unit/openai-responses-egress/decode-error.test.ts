/**
 * Responses upstream errors → LynkrError: HTTP errors in OpenAI's and Azure's own bodies
 * (throttling with Retry-After, context too long, bad credentials, unknown deployment), and
 * the in-stream `response.failed` codes Codex treats specially (wire-contract §3.3, §4).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStreamFailure, openaiResponsesCodec } from '../../../src/dialects/openai-responses/index.js';

const decode = openaiResponsesCodec.decodeError;

test('Azure throttling 429: rate limit with the Retry-After Azure sends (retry-after-ms preferred)', () => {
  const body = {
    error: {
      code: '429',
      message:
        'Requests to the Responses_Create Operation under Azure OpenAI API version 2025-04-01-preview have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.',
    },
  };
  const err = decode(429, body, { 'retry-after': '6', 'retry-after-ms': '5500' });
  assert.equal(err.code, 'rate_limited');
  assert.equal(err.status, 429);
  assert.equal(err.retryAfterSeconds, 5.5);
  assert.equal(err.retryable, true);
});

test('quota exhausted is not a rate limit (never retried)', () => {
  const err = decode(429, { error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'You exceeded your current quota.' } }, {});
  assert.equal(err.code, 'insufficient_quota');
  assert.equal(err.retryable, false);
});

test('context too long: OpenAI code and Azure wording', () => {
  const openai = decode(
    400,
    { error: { message: 'Your input exceeds the context window of this model. Please adjust your input and try again.', type: 'invalid_request_error', param: 'input', code: 'context_length_exceeded' } },
    {},
  );
  assert.equal(openai.code, 'context_length_exceeded');
  const azure = decode(400, { error: { code: 'context_length_exceeded', message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 140000 tokens." } }, {});
  assert.equal(azure.code, 'context_length_exceeded');
});

test('bad credentials: Azure 401 → upstream_auth; unknown deployment → model_not_found', () => {
  const auth = decode(
    401,
    { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } },
    {},
  );
  assert.equal(auth.code, 'upstream_auth');
  assert.equal(auth.status, 401);
  const missing = decode(404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } }, {});
  assert.equal(missing.code, 'model_not_found');
});

test('in-stream failures: special codes mapped, the rest retryable upstream errors', () => {
  assert.equal(decodeStreamFailure({ code: 'context_length_exceeded', message: 'too long' }).code, 'context_length_exceeded');
  assert.equal(decodeStreamFailure({ code: 'server_is_overloaded', message: 'busy' }).code, 'overloaded');
  assert.equal(decodeStreamFailure({ code: 'invalid_prompt', message: 'flagged' }).code, 'content_filter');
  const rl = decodeStreamFailure({ code: 'rate_limit_exceeded', message: 'Please try again in 750ms.' });
  assert.equal(rl.retryAfterSeconds, 0.75);
  const other = decodeStreamFailure({ code: 'server_error', message: 'oops' });
  assert.equal(other.code, 'upstream_error');
  assert.equal(other.retryable, true);
  assert.equal(decodeStreamFailure(undefined).message, 'Upstream response failed');
});
