/**
 * @module dialects/bedrock-converse/map-stop-reason
 * Converse `messageStop.stopReason` → IR finish reason (wire-contract §6.2 "finish_reason /
 * stop_reason mapping"). Guardrail and content-filter stops are content filtering;
 * `model_context_window_exceeded` truncates the answer like `max_tokens`; malformed model
 * output or tool use is a failed turn, which a client retries.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_MessageStopEvent.html
 */
import type { IrFinishReason } from '../../ir/types.js';

export function fromConverseStopReason(raw: string | undefined): IrFinishReason {
  switch (raw) {
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
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return 'error';
    default:
      return 'other';
  }
}
