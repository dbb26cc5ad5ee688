/**
 * @module dialects/openai-chat/decode-error
 * An OpenAI-compatible upstream's HTTP error → LynkrError (wire-contract §4, §6.5).
 * Context overflow is recognised by OpenAI's `context_length_exceeded` code and by the
 * words other servers use (llama.cpp "exceeds the available context size", vLLM "maximum
 * context length", Anthropic-backed endpoints "prompt is too long"); `insufficient_quota`
 * is told from a plain 429; a 400 about an unknown or unloaded model is `model_not_found`;
 * `Retry-After` is passed on.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
import { LynkrError, type LynkrErrorCode } from '../../ir/errors.js';
import { retryAfterSeconds, upstreamErrorCodes, upstreamErrorMessage } from '../shared/upstream-error.js';

/** LM Studio answers an unloaded or unknown model with a 400 as well as a 404 (§6.5). */
const MODEL_NOT_FOUND = /\bmodel\b[^.]*\bnot (found|loaded)|no models? (is )?loaded/i;
const CONTEXT_OVERFLOW =
  /context length|context window|maximum context|exceeds the available context size|too many tokens|prompt is too long/i;

export function decodeChatError(status: number, body: unknown, headers: Record<string, string>): LynkrError {
  const message = upstreamErrorMessage(body);
  const { code, type } = upstreamErrorCodes(body);
  const errorCode = classify(status, message, code, type);
  const retryAfter = errorCode === 'rate_limited' || errorCode === 'overloaded' ? retryAfterSeconds(headers) : undefined;
  return new LynkrError(errorCode, message, {
    upstreamStatus: status,
    cause: body,
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  });
}

function classify(status: number, message: string, code?: string, type?: string): LynkrErrorCode {
  if (status === 400 || status === 413 || status === 422) {
    if (code === 'context_length_exceeded' || CONTEXT_OVERFLOW.test(message)) return 'context_length_exceeded';
    if (code === 'model_not_found' || MODEL_NOT_FOUND.test(message)) return 'model_not_found';
    return status === 413 ? 'request_too_large' : 'upstream_bad_request';
  }
  if (status === 401 || status === 403) return 'upstream_auth';
  if (status === 404) return 'model_not_found';
  if (status === 429) return code === 'insufficient_quota' || type === 'insufficient_quota' ? 'insufficient_quota' : 'rate_limited';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'upstream_error';
  return 'upstream_bad_request';
}
