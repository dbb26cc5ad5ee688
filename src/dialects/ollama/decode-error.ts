/**
 * @module dialects/ollama/decode-error
 * An Ollama HTTP error (`{"error":"…"}`) → LynkrError. Ollama says little beyond the
 * message, so the words matter: "model \"x\" not found, try pulling it first" → 404
 * `model_not_found`; prompt-size words → `context_length_exceeded` (matched narrowly:
 * "context canceled" is a client disconnect, not an overflow). A 503 is Ollama's
 * "server busy" (request queue full) → `overloaded`.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#errors
 */
import { LynkrError, type LynkrErrorCode } from '../../ir/errors.js';
import { retryAfterSeconds, upstreamErrorMessage } from '../shared/upstream-error.js';

const NOT_FOUND = /not found/i;
const CONTEXT_OVERFLOW = /context (length|window|size)|too long|exceeds? the (maximum|available)/i;

export function decodeOllamaError(status: number, body: unknown, headers: Record<string, string>): LynkrError {
  const message = upstreamErrorMessage(body);
  const code = classify(status, message);
  const retryAfter = code === 'rate_limited' || code === 'overloaded' ? retryAfterSeconds(headers) : undefined;
  return new LynkrError(code, message, {
    upstreamStatus: status,
    cause: body,
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  });
}

function classify(status: number, message: string): LynkrErrorCode {
  if (status === 401 || status === 403) return 'upstream_auth';
  if (status === 404 || NOT_FOUND.test(message)) return 'model_not_found';
  if (CONTEXT_OVERFLOW.test(message)) return 'context_length_exceeded';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'overloaded';
  if (status >= 500) return 'upstream_error';
  return 'upstream_bad_request';
}
