/**
 * @module dialects/anthropic-messages/error-type
 * Which Anthropic error `type` and HTTP status a LynkrError becomes, and its message.
 * Status↔type pairs are Anthropic's (wire-contract §4, below the table): 400
 * invalid_request_error, 401 authentication_error, 402 billing_error, 403 permission_error,
 * 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 500 api_error,
 * 529 overloaded_error. Shared by the HTTP error body and the in-stream `event: error`.
 * @see https://docs.anthropic.com/en/api/errors
 */
import type { LynkrError, LynkrErrorCode } from '../../ir/errors.js';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

/** `null` status: keep the error's own (5xx) status. */
const BY_CODE: Record<LynkrErrorCode, [type: AnthropicErrorType, status: number | null]> = {
  invalid_request: ['invalid_request_error', 400],
  invalid_json: ['invalid_request_error', 400],
  context_length_exceeded: ['invalid_request_error', 400],
  upstream_bad_request: ['invalid_request_error', 400],
  content_filter: ['invalid_request_error', 400],
  // Anthropic itself answers an empty balance with 400 invalid_request_error (§4 row "quota").
  insufficient_quota: ['invalid_request_error', 400],
  unauthorized: ['authentication_error', 401],
  upstream_auth: ['authentication_error', 401],
  permission_denied: ['permission_error', 403],
  not_found: ['not_found_error', 404],
  model_not_found: ['not_found_error', 404],
  request_too_large: ['request_too_large', 413],
  rate_limited: ['rate_limit_error', 429],
  // 529 makes Claude Code say "Overloaded" and back off (§4 row "overloaded").
  overloaded: ['overloaded_error', 529],
  upstream_error: ['api_error', null],
  upstream_unavailable: ['api_error', null],
  upstream_timeout: ['api_error', null],
  internal: ['api_error', 500],
};

/** The Anthropic `{type, status}` for an error. Server-side failures keep their 5xx status (502, 504). */
export function anthropicErrorType(err: LynkrError): { type: AnthropicErrorType; status: number } {
  const [type, status] = BY_CODE[err.code];
  return { type, status: status ?? (err.status >= 500 ? err.status : 500) };
}

const PROMPT_TOO_LONG = /prompt is too long: \d+ tokens > \d+ maximum/i;

/**
 * The message to show. A context overflow must read "prompt is too long: N tokens > M maximum":
 * Claude Code parses those numbers to offer compaction (wire-contract §4, first row). Numbers in
 * other providers' wording (OpenAI, llama.cpp) are carried over when they can be found.
 */
export function anthropicErrorMessage(err: LynkrError): string {
  if (err.code !== 'context_length_exceeded') return err.message;
  const msg = err.message;
  if (PROMPT_TOO_LONG.test(msg)) return msg;
  const numbers = contextNumbers(msg);
  if (numbers) return `prompt is too long: ${numbers.used} tokens > ${numbers.max} maximum`;
  return /^prompt is too long/i.test(msg) ? msg : `prompt is too long: ${msg}`;
}

function contextNumbers(msg: string): { used: number; max: number } | undefined {
  const n = (s: string) => Number(s.replace(/,/g, ''));
  // OpenAI: "maximum context length is 128000 tokens. However, your messages resulted in 150000 tokens"
  let m = /maximum context length is ([\d,]+) tokens.*?(?:resulted in|requested) ([\d,]+) tokens/is.exec(msg);
  if (m) return { used: n(m[2]), max: n(m[1]) };
  // llama.cpp: "request (9000 tokens) exceeds the available context size (8192 tokens)"
  m = /\(([\d,]+) tokens\) exceeds the available context size \(([\d,]+) tokens\)/i.exec(msg);
  if (m) return { used: n(m[1]), max: n(m[2]) };
  // Generic "N tokens > M"
  m = /([\d,]+) tokens? > ([\d,]+)/.exec(msg);
  if (m) return { used: n(m[1]), max: n(m[2]) };
  return undefined;
}
