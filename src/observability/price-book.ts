/**
 * @module observability/price-book
 * Which price applies to a (provider, model) pair, and what a token count costs. Order:
 * `MODEL_PRICE_OVERRIDES` (environment), then `<LYNKR_DATA_DIR>/model-prices.json`, then
 * 0 for local providers (Ollama, llama.cpp, LM Studio), then the built-in table. An
 * override key may be `provider:model`, the exact model id, or its canonical spelling;
 * its fields (`input`, `output`, `cached`, `cache_write`, USD per million tokens) replace
 * the built-in ones for that model and the rest are kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ModelPriceOverride } from '../config/index.js';
import { canonicalModelId, LOCAL_PROVIDERS, lookupBuiltinPrice, REFERENCE_MODEL, type ModelPrice } from './model-prices.js';

export type PriceSource = 'override' | 'local' | 'builtin';

export interface ResolvedPrice extends ModelPrice {
  source: PriceSource;
  /** The table or override key that matched. */
  key: string;
}

/** Token counts in the IR's convention: `input` counts the whole prompt, cache reads and writes included. */
export interface TokenCounts {
  input: number;
  output: number;
  cached: number;
  cacheWrite: number;
}

/** The price file's name inside LYNKR_DATA_DIR. */
export const PRICE_FILE = 'model-prices.json';

const FIELD_NAMES: Record<string, keyof ModelPrice> = {
  input: 'input',
  output: 'output',
  cached: 'cached',
  cached_input: 'cached',
  cache_write: 'cacheWrite',
  cacheWrite: 'cacheWrite',
};

const priceFileSchema = z.record(z.string(), z.record(z.string(), z.number().nonnegative()));

/** USD for `tokens` at `price` (cache reads and writes at their own rates when known). */
export function costOf(tokens: TokenCounts, price: ModelPrice): number {
  const cached = Math.min(tokens.cached, tokens.input);
  const cacheWrite = Math.min(tokens.cacheWrite, tokens.input - cached);
  const uncached = tokens.input - cached - cacheWrite;
  return (
    (uncached * price.input + cached * (price.cached ?? price.input) + cacheWrite * (price.cacheWrite ?? price.input) + tokens.output * price.output) /
    1_000_000
  );
}

export class PriceBook {
  readonly #overrides = new Map<string, Partial<ModelPrice>>();
  /** Override field names that mean nothing (reported once at start-up). */
  readonly warnings: string[] = [];

  /**
   * @param overrides layers in increasing priority (e.g. the price file, then MODEL_PRICE_OVERRIDES).
   */
  constructor(...overrides: Array<Readonly<Record<string, ModelPriceOverride>> | undefined>) {
    for (const layer of overrides) {
      for (const [model, fields] of Object.entries(layer ?? {})) {
        const price: Partial<ModelPrice> = { ...this.#overrides.get(model) };
        for (const [name, value] of Object.entries(fields)) {
          const field = FIELD_NAMES[name];
          if (field) price[field] = value;
          else this.warnings.push(`price override for "${model}": unknown field "${name}" (use input, output, cached, cache_write)`);
        }
        this.#overrides.set(model, price);
      }
    }
  }

  /** The price of `model` served by `provider`, or undefined when nothing is known about it. */
  priceFor(provider: string, model: string): ResolvedPrice | undefined {
    const canonical = canonicalModelId(model);
    const overrideKey = [`${provider}:${model}`, model, model.toLowerCase(), canonical].find((k) => this.#overrides.has(k));
    const builtin = lookupBuiltinPrice(model);
    if (overrideKey) {
      const base: ModelPrice = LOCAL_PROVIDERS.has(provider) || !builtin ? { input: 0, output: 0 } : builtin.price;
      return { ...base, ...this.#overrides.get(overrideKey), source: 'override', key: overrideKey };
    }
    if (LOCAL_PROVIDERS.has(provider)) return { input: 0, output: 0, cached: 0, cacheWrite: 0, source: 'local', key: provider };
    return builtin ? { ...builtin.price, source: 'builtin', key: builtin.key } : undefined;
  }

  /** The reference cloud model's price (overridable like any other). */
  reference(): ResolvedPrice & { model: string } {
    return { ...(this.priceFor('reference', REFERENCE_MODEL) as ResolvedPrice), model: REFERENCE_MODEL };
  }
}

/**
 * Reads `<dataDir>/model-prices.json` when present: the same shape as MODEL_PRICE_OVERRIDES.
 * A malformed file is reported and ignored rather than stopping the server.
 */
export function readPriceFile(dataDir: string): { prices?: Record<string, Record<string, number>>; error?: string } {
  const path = join(dataDir, PRICE_FILE);
  if (!existsSync(path)) return {};
  try {
    const parsed = priceFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return { prices: parsed.data };
    return { error: `${path}: must be a JSON object such as {"my-model":{"input":1.5,"output":6}} (USD per million tokens)` };
  } catch (err) {
    return { error: `${path}: ${(err as Error).message}` };
  }
}
