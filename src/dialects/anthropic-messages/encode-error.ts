/**
 * @module dialects/anthropic-messages/encode-error
 * A LynkrError as Anthropic's HTTP error response `{"type":"error","error":{type,message}}`
 * (wire-contract §4, Anthropic column). Headers steer Claude Code's retry loop: it retries
 * 401, 408, 409, 429 and 5xx unless `x-should-retry: false`, and honours `retry-after`.
 */
import { DEFAULT_RATE_LIMIT_RETRY_SECONDS } from '../openai-shared/encode-openai-error.js';
import type { LynkrError } from '../../ir/errors.js';
import type { EncodedError } from '../types.js';
import { anthropicErrorMessage, anthropicErrorType } from './error-type.js';

/**
 * Renders an error for an Anthropic Messages client.
 * @example
 * encodeAnthropicError(new LynkrError('overloaded', 'Overloaded'))
 * // { status: 529, headers: {}, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }
 */
export function encodeAnthropicError(err: LynkrError): EncodedError {
  const { type, status } = anthropicErrorType(err);
  const headers: Record<string, string> = {};
  // A rate limit always names a delay, even when the upstream gave none (as OpenAI's encoder does).
  const retryAfter = err.retryAfterSeconds ?? (err.code === 'rate_limited' ? DEFAULT_RATE_LIMIT_RETRY_SECONDS : undefined);
  if (retryAfter !== undefined && Number.isFinite(retryAfter)) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
  }
  if (neverRetry(err, status)) headers['x-should-retry'] = 'false';
  return { status, headers, body: { type: 'error', error: { type, message: anthropicErrorMessage(err) } } };
}

/** Failures a retry cannot fix but that Claude Code would otherwise retry (up to 10 times). */
function neverRetry(err: LynkrError, status: number): boolean {
  switch (err.code) {
    case 'insufficient_quota':
    case 'upstream_auth':
    case 'unauthorized':
      return true;
    default:
      return status >= 500 && !err.retryable;
  }
}
