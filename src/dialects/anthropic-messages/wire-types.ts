/**
 * @module dialects/anthropic-messages/wire-types
 * The few Anthropic Messages wire shapes this codec reads or writes, kept loose on
 * purpose: unknown fields and block types must survive (wire-contract §2.2, §3.4).
 * @see https://docs.anthropic.com/en/api/messages
 */
import { isRecord } from '../shared/guards.js';

/** Any content block: `type` plus whatever fields that type carries. */
export type AnthropicBlock = { type: string } & Record<string, unknown>;

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicBlock[];
}

/** `usage` as Anthropic reports it: `input_tokens` excludes cache reads and writes. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

/** The dialect name, as the IR spells it. */
export const DIALECT = 'anthropic-messages' as const;

/** True for a non-null, non-array object (the shared guard, re-exported for this codec's readers). */
export { isRecord };

/** True for an object with a string `type`: something that can be a content block. */
export function isBlock(value: unknown): value is AnthropicBlock {
  return isRecord(value) && typeof value.type === 'string';
}
