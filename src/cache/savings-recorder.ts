/**
 * @module cache/savings-recorder
 * Turns each saving into `lynkr_tokens_saved_total` / `lynkr_cost_saved_usd_total`
 * (cache-metrics.ts), priced with the observability price book (built-in table,
 * `<LYNKR_DATA_DIR>/model-prices.json`, MODEL_PRICE_OVERRIDES; local models cost 0):
 * - a cache hit avoids the whole call: its input and output at full price;
 * - a provider cache read bills prompt tokens at the cached price instead of the input price;
 * - token optimisation removes input tokens, at the input price.
 */
import type { IrUsage } from '../ir/types.js';
import { costOf, type PriceBook } from '../observability/price-book.js';
import { recordSavings, type SavingMechanism } from './cache-metrics.js';

export interface PricedTarget {
  provider: string;
  model: string;
}

const NONE = { input: 0, output: 0, cached: 0, cacheWrite: 0 };

export class SavingsRecorder {
  constructor(readonly prices: PriceBook) {}

  /** A cache hit: the upstream call that produced `usage` was not made again. */
  callAvoided({ mechanism, target, usage }: { mechanism: 'prompt_cache' | 'semantic_cache'; target: PricedTarget; usage: IrUsage }): void {
    const price = this.prices.priceFor(target.provider, target.model);
    const tokens = { ...NONE, input: usage.inputTokens, output: usage.outputTokens };
    recordSavings({ mechanism, tokens: usage.inputTokens + usage.outputTokens, usd: price ? costOf(tokens, price) : 0 });
  }

  /** The upstream served `cachedTokens` prompt tokens from its own cache. */
  providerCacheRead(target: PricedTarget, cachedTokens: number): void {
    if (cachedTokens <= 0) return;
    const price = this.prices.priceFor(target.provider, target.model);
    const usd = price ? costOf({ ...NONE, input: cachedTokens }, price) - costOf({ ...NONE, input: cachedTokens, cached: cachedTokens }, price) : 0;
    recordSavings({ mechanism: 'provider_cache', tokens: cachedTokens, usd });
  }

  /** Token optimisation left `tokens` input tokens out of the request. */
  inputRemoved({ mechanism, target, tokens }: { mechanism: SavingMechanism; target: PricedTarget; tokens: number }): void {
    if (tokens <= 0) return;
    const price = this.prices.priceFor(target.provider, target.model);
    recordSavings({ mechanism, tokens, usd: price ? costOf({ ...NONE, input: tokens }, price) : 0 });
  }
}
