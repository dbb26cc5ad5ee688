/**
 * @module dialects/anthropic-messages/decode-error
 * Anthropic error responses → LynkrError (wire-contract §4, left to right: the upstream's
 * condition becomes a stable code every client dialect can render). The body is
 * `{"type":"error","error":{"type","message"}}`; gateways in front of Anthropic (Azure) may
 * send OpenAI-style `{"error":{"message"}}` or plain text instead.
 * @see https://docs.anthropic.com/en/api/errors
 */
import { retryAfterSeconds } from '../shared/upstream-error.js';
import { LynkrError, type LynkrErrorCode } from '../../ir/errors.js';
import { readErrorBody, type ErrorBodyFields } from '../shared/read-error-body.js';
import { isRecord } from './wire-types.js';

const CONTEXT_OVERFLOW = /prompt is too long|too many tokens|context (?:length|window|size)|exceeds? the (?:maximum )?context/i;
const BILLING = /credit balance|billing|quota/i;

/**
 * Maps an upstream HTTP error.
 * @example
 * decodeError(429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, { 'retry-after': '7' })
 * // LynkrError { code: 'rate_limited', retryAfterSeconds: 7, upstreamStatus: 429 }
 */
export function decodeError(status: number, body: unknown, headers: Record<string, string>): LynkrError {
  const { type, message } = readBody(body);
  const text = message ?? `Anthropic upstream returned HTTP ${status}`;
  const retryAfter = retryAfterSeconds(headers);
  const opts = { upstreamStatus: status, cause: body, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) };
  return new LynkrError(codeFor(status, type, text), text, opts);
}

function codeFor(status: number, type: string | undefined, message: string): LynkrErrorCode {
  if (type === 'overloaded_error' || status === 529 || status === 503) return 'overloaded';
  if (type === 'billing_error' || status === 402) return 'insufficient_quota';
  switch (status) {
    case 400:
      if (CONTEXT_OVERFLOW.test(message)) return 'context_length_exceeded';
      if (BILLING.test(message)) return 'insufficient_quota'; // "Your credit balance is too low…"
      return 'upstream_bad_request';
    case 401:
      return 'upstream_auth';
    case 403:
      return 'permission_denied';
    case 404:
      return 'model_not_found';
    case 408:
      return 'upstream_timeout';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limited';
  }
  if (status >= 500) return 'upstream_error';
  return 'upstream_bad_request';
}

/**
 * An error described by Anthropic's `{type, message}` with no HTTP status (the in-stream
 * `event: error`).
 */
export function errorFromAnthropic(e: { type: unknown; message: unknown; fallback: string }): LynkrError {
  const message = typeof e.message === 'string' && e.message ? e.message : e.fallback;
  const opts = { cause: { type: e.type, message: e.message } };
  switch (e.type) {
    case 'overloaded_error':
      return new LynkrError('overloaded', message, opts);
    case 'rate_limit_error':
      return new LynkrError('rate_limited', message, opts);
    case 'invalid_request_error':
      if (CONTEXT_OVERFLOW.test(message)) return new LynkrError('context_length_exceeded', message, opts);
      return new LynkrError('upstream_error', message, opts);
    default:
      return new LynkrError('upstream_error', message, opts);
  }
}

function readBody(body: unknown): ErrorBodyFields {
  return readErrorBody(body, (b) => {
    if (typeof b.error === 'string' && b.error) return { message: b.error };
    const e = isRecord(b.error) ? b.error : b;
    return {
      ...(typeof e.type === 'string' ? { type: e.type } : {}),
      ...(typeof e.message === 'string' && e.message ? { message: e.message } : {}),
    };
  });
}
