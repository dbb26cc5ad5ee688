/**
 * @module dialects/anthropic-messages/usage
 * Token usage between the IR and Anthropic. The IR counts the whole prompt in `inputTokens`
 * (OpenAI's convention); Anthropic's `input_tokens` excludes cache reads and writes, which it
 * reports separately (wire-contract §3.4: Claude Code uses these for context accounting).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
import type { IrUsage } from '../../ir/types.js';
import { isRecord, type AnthropicUsage } from './wire-types.js';

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : 0);

/** Anthropic usage for IR usage; missing numbers are 0 and `input_tokens` is never negative. */
export function toAnthropicUsage(u: Partial<IrUsage> | undefined): AnthropicUsage {
  const cacheRead = count(u?.cachedInputTokens);
  const cacheWrite = count(u?.cacheWriteInputTokens);
  return {
    input_tokens: Math.max(0, count(u?.inputTokens) - cacheRead - cacheWrite),
    output_tokens: count(u?.outputTokens),
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheWrite,
  };
}

/** The Anthropic-side token counts a stream has reported so far (each field when seen). */
export interface AnthropicUsageSeen {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/** Overwrites `seen` with every count present in a wire `usage` object (they are cumulative). */
export function mergeAnthropicUsage(seen: AnthropicUsageSeen, raw: unknown): AnthropicUsageSeen {
  if (!isRecord(raw)) return seen;
  const out = { ...seen };
  for (const key of ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const) {
    if (typeof raw[key] === 'number') out[key] = count(raw[key]);
  }
  return out;
}

/** IR usage for Anthropic counts: the prompt total adds cache reads and writes back in. */
export function fromAnthropicUsage(u: AnthropicUsageSeen): IrUsage {
  const cacheRead = u.cache_read_input_tokens ?? 0;
  const cacheWrite = u.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (u.input_tokens ?? 0) + cacheRead + cacheWrite,
    outputTokens: u.output_tokens ?? 0,
    cachedInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
  };
}

/** The IR's partial usage for a `message_start` (only the fields Anthropic reported). */
export function partialUsage(u: AnthropicUsageSeen): Partial<IrUsage> {
  const full = fromAnthropicUsage(u);
  const out: Partial<IrUsage> = {};
  if (u.input_tokens !== undefined || u.cache_read_input_tokens !== undefined || u.cache_creation_input_tokens !== undefined) {
    out.inputTokens = full.inputTokens;
    out.cachedInputTokens = full.cachedInputTokens;
    out.cacheWriteInputTokens = full.cacheWriteInputTokens;
  }
  if (u.output_tokens !== undefined) out.outputTokens = full.outputTokens;
  return out;
}
