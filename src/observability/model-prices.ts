/**
 * @module observability/model-prices
 * The built-in price table (USD per million tokens) and the lookup that maps a provider's
 * model id onto it. Ids arrive in many spellings for the same model: OpenAI's dated
 * snapshots (`gpt-4o-2024-08-06`), OpenRouter's vendor-prefixed ids with dots
 * (`anthropic/claude-sonnet-4.5`), Bedrock's region-prefixed, versioned ids
 * (`us.anthropic.claude-sonnet-4-20250514-v1:0`). `canonicalModelId` reduces them to the
 * table's key and `lookupBuiltinPrice` picks the longest table key that is a prefix of it
 * at a word boundary, so a new dated snapshot is priced like its family.
 *
 * List prices as published by the vendors (OpenAI, Anthropic, Google, xAI, DeepSeek) in
 * late 2025; OpenRouter charges the vendor's price. They are estimates for a dashboard, not
 * invoices: MODEL_PRICE_OVERRIDES (or `<LYNKR_DATA_DIR>/model-prices.json`) corrects them.
 * @see https://openai.com/api/pricing/
 * @see https://docs.anthropic.com/en/docs/about-claude/pricing
 */

/** Prices of one model in USD per million tokens. */
export interface ModelPrice {
  /** Uncached prompt tokens. */
  input: number;
  output: number;
  /** Prompt tokens read from the provider's prompt cache (defaults to `input`). */
  cached?: number;
  /** Prompt tokens written to the prompt cache (Anthropic, Bedrock; defaults to `input`). */
  cacheWrite?: number;
}

const claude = (input: number, output: number): ModelPrice => ({ input, output, cached: input / 10, cacheWrite: input * 1.25 });

/** Keys are canonical ids (see `canonicalModelId`). */
export const BUILTIN_PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-4o': { input: 2.5, output: 10, cached: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cached: 0.075 },
  'gpt-4.1': { input: 2, output: 8, cached: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cached: 0.1 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cached: 0.025 },
  'gpt-5': { input: 1.25, output: 10, cached: 0.125 },
  'gpt-5-codex': { input: 1.25, output: 10, cached: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cached: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cached: 0.005 },
  'gpt-5-pro': { input: 15, output: 120 },
  'gpt-5.1': { input: 1.25, output: 10, cached: 0.125 },
  'gpt-5.1-codex': { input: 1.25, output: 10, cached: 0.125 },
  'gpt-5.1-codex-mini': { input: 0.25, output: 2, cached: 0.025 },
  o1: { input: 15, output: 60, cached: 7.5 },
  o3: { input: 2, output: 8, cached: 0.5 },
  'o3-pro': { input: 20, output: 80 },
  'o3-mini': { input: 1.1, output: 4.4, cached: 0.55 },
  'o4-mini': { input: 1.1, output: 4.4, cached: 0.275 },
  // Anthropic (cache reads 0.1×, cache writes 1.25× the input price)
  'claude-opus-4-5': claude(5, 25),
  'claude-opus-4-1': claude(15, 75),
  'claude-opus-4': claude(15, 75),
  'claude-sonnet-4-5': claude(3, 15),
  'claude-sonnet-4': claude(3, 15),
  'claude-haiku-4-5': claude(1, 5),
  'claude-3-7-sonnet': claude(3, 15),
  'claude-3-5-sonnet': claude(3, 15),
  'claude-3-5-haiku': claude(0.8, 4),
  'claude-3-opus': claude(15, 75),
  'claude-3-haiku': claude(0.25, 1.25),
  // Common OpenRouter models from other vendors
  'gemini-2.5-pro': { input: 1.25, output: 10, cached: 0.31 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cached: 0.075 },
  'grok-code-fast-1': { input: 0.2, output: 1.5, cached: 0.02 },
  'deepseek-chat': { input: 0.28, output: 0.42, cached: 0.028 },
  'deepseek-reasoner': { input: 0.28, output: 0.42, cached: 0.028 },
};

/** The cloud model local usage is compared against ("what this would have cost"). */
export const REFERENCE_MODEL = 'claude-sonnet-4-5';

/** Providers that run on the user's own hardware: no per-token price. */
export const LOCAL_PROVIDERS: ReadonlySet<string> = new Set(['ollama', 'llamacpp', 'lmstudio']);

/**
 * Reduces a provider's model id to the price table's spelling.
 *
 * @example
 * canonicalModelId('us.anthropic.claude-sonnet-4-20250514-v1:0') // 'claude-sonnet-4'
 * canonicalModelId('anthropic/claude-3.5-sonnet')                // 'claude-3-5-sonnet'
 * canonicalModelId('openai/gpt-4.1-mini')                        // 'gpt-4.1-mini'
 */
export function canonicalModelId(model: string): string {
  let id = model.trim().toLowerCase();
  // OpenRouter / provider:model style vendor prefix: keep the last path segment.
  id = id.slice(id.lastIndexOf('/') + 1);
  // Bedrock: optional cross-region prefix, vendor prefix, version suffix.
  id = id.replace(/^(?:us|eu|apac|ap|global|us-gov)\.(?=[a-z]+\.)/, '').replace(/^anthropic\./, '');
  id = id.replace(/-v\d+(?::\d+)?$/, '');
  // Bedrock / Vertex `@date`, OpenRouter `:free` / `:thinking` variants.
  id = id.replace(/[@:].*$/, '');
  // Claude: `claude-sonnet-4.5` (OpenRouter) is `claude-sonnet-4-5`; drop dated snapshots.
  if (id.startsWith('claude')) id = id.replace(/(\d)\.(\d)/g, '$1-$2');
  id = id.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2})$/, '').replace(/-latest$/, '');
  return id;
}

/** The built-in price for a model id, by the longest table key that prefixes its canonical id. */
export function lookupBuiltinPrice(model: string): { key: string; price: ModelPrice } | undefined {
  const id = canonicalModelId(model);
  let best: string | undefined;
  for (const key of Object.keys(BUILTIN_PRICES)) {
    if (!id.startsWith(key)) continue;
    const next = id.charAt(key.length);
    if (next !== '' && next !== '-') continue;
    if (!best || key.length > best.length) best = key;
  }
  return best ? { key: best, price: BUILTIN_PRICES[best] } : undefined;
}
