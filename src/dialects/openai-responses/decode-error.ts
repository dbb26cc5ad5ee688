/**
 * @module dialects/openai-responses/decode-error
 * Errors from a Responses API upstream → LynkrError (wire-contract §3.3, §4):
 * - an HTTP error uses OpenAI's error body `{error:{message,type,code,param}}`, the same as
 *   Chat Completions, so it is classified by the shared OpenAI rules (context overflow,
 *   quota vs rate limit, `Retry-After`);
 * - an in-stream failure (`response.failed`'s `error`, or a top-level `error` event) carries
 *   only `{code, message}`: the codes OpenAI documents map to Lynkr's, and a rate limit
 *   takes its delay from "try again in Ns" / "retry after N seconds" in the message.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
import { LynkrError, type LynkrErrorCode } from '../../ir/errors.js';
import { decodeChatError } from '../openai-chat/decode-error.js';
import { isObject, str } from './wire-values.js';

/** An upstream HTTP error. */
export function decodeResponsesError(status: number, body: unknown, headers: Record<string, string>): LynkrError {
  return decodeChatError(status, body, headers);
}

const CODE_MAP: Readonly<Record<string, LynkrErrorCode>> = {
  rate_limit_exceeded: 'rate_limited',
  context_length_exceeded: 'context_length_exceeded',
  insufficient_quota: 'insufficient_quota',
  server_is_overloaded: 'overloaded',
  slow_down: 'overloaded',
  invalid_prompt: 'content_filter',
  content_filter: 'content_filter',
  invalid_api_key: 'upstream_auth',
  model_not_found: 'model_not_found',
};

const RETRY_DELAY = /(?:try again|retry after)\s+(?:in\s+)?(\d+(?:\.\d+)?)\s*(ms|s|seconds?)\b/i;

/**
 * The error of a failed response or an `error` event.
 * @example decodeStreamFailure({ code: 'rate_limit_exceeded', message: 'Please try again in 2s.' })
 *   // LynkrError rate_limited, retryAfterSeconds 2
 */
export function decodeStreamFailure(error: unknown): LynkrError {
  const e = isObject(error) ? error : {};
  const code = str(e.code) ?? str(e.type);
  const message = str(e.message) ?? (code ? `Upstream response failed (${code})` : 'Upstream response failed');
  const mapped = (code && CODE_MAP[code]) || 'upstream_error';
  const delay = mapped === 'rate_limited' ? RETRY_DELAY.exec(message) : null;
  const retryAfterSeconds = delay ? Number(delay[1]) / (delay[2].toLowerCase() === 'ms' ? 1000 : 1) : undefined;
  return new LynkrError(mapped, message, { cause: error, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
}
