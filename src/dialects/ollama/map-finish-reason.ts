/**
 * @module dialects/ollama/map-finish-reason
 * Ollama `done_reason` → IR finish reason. Ollama finishes a tool-calling turn with
 * `stop`, so the presence of tool calls decides `tool_calls` (wire-contract §6.2).
 * `load` (a load-only request) and `unload` have no IR meaning: `other`.
 */
import type { IrFinishReason } from '../../ir/types.js';

export function decodeOllamaDoneReason(raw: string | undefined, hasToolCalls: boolean): IrFinishReason {
  if (raw === 'length') return 'length';
  if (hasToolCalls) return 'tool_calls';
  return raw === undefined || raw === 'stop' ? 'stop' : 'other';
}
