/**
 * @module dialects/anthropic-messages/map-stop-reason
 * IR finish reasons ↔ Anthropic `stop_reason` (wire-contract §3.4 lists the values Claude Code
 * knows; §4 maps truncation to `max_tokens` and refusals to `refusal`).
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
import type { IrFinishReason } from '../../ir/types.js';
import type { AnthropicStopReason } from './wire-types.js';

/**
 * The Anthropic stop reason for an IR finish reason. `hasToolUse` upgrades a plain stop to
 * `tool_use`: some upstreams (Ollama, llama.cpp) say "stop" after emitting tool calls, and
 * a client that sees `end_turn` would not run them.
 */
export function toAnthropicStopReason(reason: IrFinishReason, hasToolUse = false): AnthropicStopReason {
  switch (reason) {
    case 'tool_calls':
      return 'tool_use';
    case 'length':
      return 'max_tokens';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'content_filter':
      return 'refusal';
    case 'pause':
      return 'pause_turn';
    case 'stop':
    case 'error':
    case 'other':
      return hasToolUse ? 'tool_use' : 'end_turn';
  }
}

/** The IR finish reason for an Anthropic stop reason (null or absent means a normal stop). */
export function fromAnthropicStopReason(raw: string | null | undefined): IrFinishReason {
  switch (raw) {
    case null:
    case undefined:
    case 'end_turn':
      return 'stop';
    case 'tool_use':
      return 'tool_calls';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'refusal':
      return 'content_filter';
    case 'pause_turn':
      return 'pause';
    default:
      return 'other';
  }
}
