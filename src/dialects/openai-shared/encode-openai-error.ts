/**
 * @module dialects/openai-shared/encode-openai-error
 * Renders a LynkrError as OpenAI's error body `{"error":{"message","type","code","param"}}`,
 * used by both OpenAI dialects (Responses and Chat Completions). Types and codes follow
 * wire-contract §4 and §3.6: Codex retries a 429 only when `Retry-After` is present, treats
 * `context_length_exceeded` and `model_not_found` as final, and `server_is_overloaded` on a
 * 503 as "model at capacity".
 * @see https://platform.openai.com/docs/guides/error-codes
 */
import type { LynkrError, LynkrErrorCode } from '../../ir/errors.js';
import type { EncodedError } from '../types.js';

const TYPE_AND_CODE: Record<LynkrErrorCode, [type: string, code: string | null]> = {
  invalid_request: ['invalid_request_error', null],
  invalid_json: ['invalid_request_error', 'invalid_json'],
  context_length_exceeded: ['invalid_request_error', 'context_length_exceeded'],
  unauthorized: ['invalid_request_error', 'invalid_api_key'],
  upstream_auth: ['invalid_request_error', 'invalid_api_key'],
  permission_denied: ['invalid_request_error', 'permission_denied'],
  not_found: ['invalid_request_error', 'not_found'],
  model_not_found: ['invalid_request_error', 'model_not_found'],
  request_too_large: ['invalid_request_error', 'request_too_large'],
  rate_limited: ['rate_limit_error', 'rate_limit_exceeded'],
  insufficient_quota: ['insufficient_quota', 'insufficient_quota'],
  upstream_bad_request: ['invalid_request_error', null],
  upstream_error: ['server_error', null],
  upstream_unavailable: ['server_error', 'upstream_unavailable'],
  upstream_timeout: ['server_error', 'upstream_timeout'],
  overloaded: ['server_error', 'server_is_overloaded'],
  content_filter: ['invalid_request_error', 'content_filter'],
  internal: ['server_error', null],
};

/** The OpenAI `{type, code}` pair for an error code. */
export function openaiErrorTypeAndCode(code: LynkrErrorCode): { type: string; code: string | null } {
  const [type, c] = TYPE_AND_CODE[code];
  return { type, code: c };
}

/** Retry-After sent with a rate limit when the upstream named no delay. */
export const DEFAULT_RATE_LIMIT_RETRY_SECONDS = 5;

export function encodeOpenAIError(err: LynkrError): EncodedError {
  const { type, code } = openaiErrorTypeAndCode(err.code);
  const headers: Record<string, string> = {};
  let message = err.message;
  // Codex retries a 429 only when Retry-After is present (wire-contract §3.6), so a rate
  // limit always carries one, even when the upstream (e.g. Bedrock throttling) gave none.
  const retryAfter = err.retryAfterSeconds ?? (err.code === 'rate_limited' ? DEFAULT_RATE_LIMIT_RETRY_SECONDS : undefined);
  if (retryAfter !== undefined) {
    const seconds = Math.max(1, Math.ceil(retryAfter));
    headers['retry-after'] = String(seconds);
    // Codex parses "try again in Ns" from in-stream messages; keep the same words here.
    if (err.code === 'rate_limited' && !/try again in/i.test(message)) message += ` Please try again in ${seconds}s.`;
  }
  return {
    status: err.status,
    headers,
    body: { error: { message, type, code, param: err.param ?? null } },
  };
}
