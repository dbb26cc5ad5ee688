/**
 * @module dialects/bedrock-converse/cache-points
 * Anthropic `cache_control` breakpoints → Converse `cachePoint` blocks (wire-contract §6.3:
 * "For Bedrock, convert to cachePoint blocks or drop"). A cache point goes right after the
 * block that carried the marker, in tools, system and messages alike. Bedrock allows at most
 * four per request, as Anthropic does; models without prompt caching get none.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 */
import type { ConverseBlock } from './wire-types.js';

/** Bedrock's limit of cache checkpoints per request. */
export const MAX_CACHE_POINTS = 4;

export class CachePoints {
  #left: number;

  /** `enabled: false` for models without prompt caching: every `take()` is empty. */
  constructor(enabled: boolean) {
    this.#left = enabled ? MAX_CACHE_POINTS : 0;
  }

  /** One cache point while the budget lasts, else nothing. */
  take(): Array<Extract<ConverseBlock, { cachePoint: unknown }>> {
    if (this.#left <= 0) return [];
    this.#left--;
    return [{ cachePoint: { type: 'default' } }];
  }
}
