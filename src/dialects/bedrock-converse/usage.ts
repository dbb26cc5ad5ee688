/**
 * @module dialects/bedrock-converse/usage
 * Converse `metadata.usage` → IR usage (wire-contract §6.2 usage table, Bedrock row): the IR
 * prompt total is `inputTokens + cacheReadInputTokens + cacheWriteInputTokens` (Bedrock, like
 * Anthropic, reports cache reads and writes apart from `inputTokens`).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html
 */
import type { IrUsage } from '../../ir/types.js';
import { isRecord } from './wire-types.js';

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : 0);

/** IR usage for a `TokenUsage` object; undefined when there is none. */
export function fromConverseUsage(raw: unknown): IrUsage | undefined {
  if (!isRecord(raw)) return undefined;
  const cacheRead = count(raw.cacheReadInputTokens);
  const cacheWrite = count(raw.cacheWriteInputTokens);
  return {
    inputTokens: count(raw.inputTokens) + cacheRead + cacheWrite,
    outputTokens: count(raw.outputTokens),
    cachedInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
  };
}
