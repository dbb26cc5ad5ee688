/**
 * @module dialects/openai-chat/map-usage
 * Chat `usage` ↔ IR usage (wire-contract §6.2 usage table).
 */
import { normalizeUsage } from '../../ir/helpers.js';
import type { IrUsage } from '../../ir/types.js';
import { asNumber, isRecord } from '../shared/guards.js';

/** The chat `usage` object as sent to clients. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/**
 * Reads an upstream `usage`; undefined when it is absent or carries no counts.
 * DeepSeek reports cache hits as `prompt_cache_hit_tokens` instead of the details object.
 */
export function decodeUsage(raw: unknown): IrUsage | undefined {
  if (!isRecord(raw)) return undefined;
  const input = asNumber(raw.prompt_tokens);
  const output = asNumber(raw.completion_tokens);
  if (input === undefined && output === undefined) return undefined;
  const usage: IrUsage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  const promptDetails = isRecord(raw.prompt_tokens_details) ? raw.prompt_tokens_details : {};
  const cached = asNumber(promptDetails.cached_tokens) ?? asNumber(raw.prompt_cache_hit_tokens);
  if (cached !== undefined) usage.cachedInputTokens = cached;
  const completionDetails = isRecord(raw.completion_tokens_details) ? raw.completion_tokens_details : {};
  const reasoning = asNumber(completionDetails.reasoning_tokens);
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/** IR usage → chat `usage` (integers, total = input + output). */
export function encodeUsage(u: IrUsage | undefined): ChatUsage {
  const n = normalizeUsage(u ?? { inputTokens: 0, outputTokens: 0 });
  return {
    prompt_tokens: n.inputTokens,
    completion_tokens: n.outputTokens,
    total_tokens: n.inputTokens + n.outputTokens,
    prompt_tokens_details: { cached_tokens: n.cachedInputTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: n.reasoningTokens ?? 0 },
  };
}
