/**
 * @module dialects/openai-responses/map-finish
 * How an IR ending becomes a Responses terminal state (wire-contract §3.3, §4, §6.2).
 * - `length` → `response.incomplete` with `max_output_tokens` (fatal in Codex, done items kept);
 * - `content_filter` → `response.incomplete` with `content_filter`;
 * - `error` → `response.failed` with `server_error`, so Codex retries the turn;
 * - everything else → `response.completed`.
 * Errors map to the few `response.failed` codes Codex treats specially; every other code
 * becomes `server_error`, which Codex retries (§3.3).
 */
import type { LynkrError } from '../../ir/errors.js';
import type { IrFinishReason } from '../../ir/types.js';
import { openaiErrorTypeAndCode } from '../openai-shared/encode-openai-error.js';

/** The `error` object of a failed response. */
export interface ResponsesError {
  code: string;
  message: string;
}

export type ResponseOutcome =
  | { status: 'completed' }
  | { status: 'incomplete'; reason: 'max_output_tokens' | 'content_filter' }
  | { status: 'failed'; error: ResponsesError };

/** The terminal Responses state for an IR finish reason. */
export function mapFinish(reason: IrFinishReason, rawReason?: string): ResponseOutcome {
  switch (reason) {
    case 'length':
      return { status: 'incomplete', reason: 'max_output_tokens' };
    case 'content_filter':
      return { status: 'incomplete', reason: 'content_filter' };
    case 'error':
      return {
        status: 'failed',
        error: { code: 'server_error', message: `upstream finished with an error${rawReason ? ` (${rawReason})` : ''}` },
      };
    case 'stop':
    case 'tool_calls':
    case 'stop_sequence':
    case 'pause':
    case 'other':
      return { status: 'completed' };
  }
}

/** Codes Codex handles specially in `response.failed` (§3.3), as OpenAI spells them. */
const SPECIAL_CODES: ReadonlySet<string> = new Set([
  'context_length_exceeded',
  'rate_limit_exceeded',
  'server_is_overloaded',
  'insufficient_quota',
]);

/**
 * The `response.failed` error for a LynkrError. Rate limits carry "Please try again in Ns."
 * because Codex reads its retry delay from the message with
 * `try again in\s*(\d+(\.\d+)?)\s*(s|ms|seconds?)`.
 * @example responsesError(new LynkrError('rate_limited', 'Slow down.', { retryAfterSeconds: 3 }))
 *   // { code: 'rate_limit_exceeded', message: 'Slow down. Please try again in 3s.' }
 */
export function responsesError(err: LynkrError): ResponsesError {
  if (err.code === 'content_filter') return { code: 'invalid_prompt', message: err.message };
  const { code } = openaiErrorTypeAndCode(err.code);
  let message = err.message;
  if (err.code === 'rate_limited' && err.retryAfterSeconds !== undefined && !/try again in/i.test(message)) {
    message += ` Please try again in ${Math.max(1, Math.ceil(err.retryAfterSeconds))}s.`;
  }
  return { code: code !== null && SPECIAL_CODES.has(code) ? code : 'server_error', message };
}
