/**
 * @module dialects/openai-chat/map-finish-reason
 * Chat Completions `finish_reason` ↔ IR finish reason.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
import type { IrFinishReason } from '../../ir/types.js';

/** Chat `finish_reason` values a client understands. */
export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * Upstream word → IR. `function_call` is the legacy spelling of `tool_calls`; OpenRouter
 * reports a failed generation as `error`. When tool calls were produced the reason is
 * `tool_calls` whatever the server said (Ollama finishes tool turns with `stop`, §6.2).
 */
export function decodeFinishReason(raw: string | undefined, hasToolCalls: boolean): IrFinishReason {
  const reason = mapRaw(raw);
  if (hasToolCalls && (reason === 'stop' || reason === 'other')) return 'tool_calls';
  return reason;
}

function mapRaw(raw: string | undefined): IrFinishReason {
  switch (raw) {
    case undefined:
    case 'stop':
    case 'eos':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}

/** IR → the word a chat client gets. A tool turn reports `tool_calls` even if the upstream said `stop`. */
export function encodeFinishReason(reason: IrFinishReason, hasToolCalls: boolean): ChatFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
      return 'tool_calls';
    case 'stop':
    case 'stop_sequence':
    case 'pause':
    case 'error':
    case 'other':
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
