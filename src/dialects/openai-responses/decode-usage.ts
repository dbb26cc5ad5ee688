/**
 * @module dialects/openai-responses/decode-usage
 * A Responses API `usage` object → IR usage (wire-contract §3.2, §6.2). `input_tokens`
 * already includes the cached tokens, which is the IR's convention too.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
import type { IrUsage } from '../../ir/types.js';
import { isObject, num } from './wire-values.js';

/** Undefined when the upstream sent no usage (or no counts in it). */
export function decodeResponsesUsage(raw: unknown): IrUsage | undefined {
  if (!isObject(raw)) return undefined;
  const input = num(raw.input_tokens);
  const output = num(raw.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const usage: IrUsage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  const cached = isObject(raw.input_tokens_details) ? num(raw.input_tokens_details.cached_tokens) : undefined;
  if (cached !== undefined) usage.cachedInputTokens = cached;
  const reasoning = isObject(raw.output_tokens_details) ? num(raw.output_tokens_details.reasoning_tokens) : undefined;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}
