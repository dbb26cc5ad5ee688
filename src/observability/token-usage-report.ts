/**
 * @module observability/token-usage-report
 * The JSON of `GET /metrics/token-usage`: totals and breakdowns by provider, model and day
 * from the usage store, with the estimated cost in USD at today's prices and what the same
 * tokens would have cost on the reference cloud model (the "savings" of running locally).
 * Costs are computed when the report is read, so a corrected price applies to past usage too.
 */
import type { DailyUsage, UsageCounts } from '../store/usage-store.js';
import { costOf, type PriceBook, type PriceSource } from './price-book.js';

/** The counts and money of one slice (all usage, one provider, one model, one day). */
export interface UsageBreakdown {
  requests: number;
  errors: number;
  /** Requests answered from Lynkr's caches (no upstream call, no tokens counted). */
  cache_hits: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  reasoning_tokens: number;
  total_tokens: number;
  /** Usage Lynkr estimated because the upstream reported none (included in the counts above). */
  estimated: { requests: number; input_tokens: number; output_tokens: number };
  /** Estimated cost of the tokens whose model has a known price. */
  cost_usd: number;
  /** What all these tokens would have cost on the reference model. */
  reference_cost_usd: number;
  /** reference − actual, over the tokens whose model has a known price. */
  savings_usd: number;
  /** Tokens of models without a known price (not in cost_usd or savings_usd). */
  unpriced_tokens: number;
}

export interface TokenUsageReport {
  object: 'lynkr.token_usage';
  generated_at: string;
  /** First day with recorded usage (UTC), or null. */
  since: string | null;
  currency: 'USD';
  /** False when the usage file could not be opened (usage then covers this run only). */
  persistent: boolean;
  reference_model: { model: string; input: number; output: number; cached: number };
  totals: UsageBreakdown;
  by_provider: Array<{ provider: string } & UsageBreakdown>;
  by_model: Array<{ provider: string; model: string; price: { input: number; output: number; cached: number; source: PriceSource } | null } & UsageBreakdown>;
  by_day: Array<{ day: string } & UsageBreakdown>;
}

const usd = (n: number) => Math.round(n * 1e6) / 1e6;

/** A breakdown with every count at zero. */
export function emptyBreakdown(): UsageBreakdown {
  return {
    requests: 0,
    errors: 0,
    cache_hits: 0,
    input_tokens: 0,
    output_tokens: 0,
    cached_input_tokens: 0,
    cache_write_input_tokens: 0,
    reasoning_tokens: 0,
    total_tokens: 0,
    estimated: { requests: 0, input_tokens: 0, output_tokens: 0 },
    cost_usd: 0,
    reference_cost_usd: 0,
    savings_usd: 0,
    unpriced_tokens: 0,
  };
}

/** Adds one stored row to a breakdown, pricing it with `prices`. */
export function addUsage(into: UsageBreakdown, row: UsageCounts, prices: PriceBook): void {
  into.requests += row.requests;
  into.errors += row.errors;
  into.cache_hits += row.cache_hits;
  into.input_tokens += row.input_tokens;
  into.output_tokens += row.output_tokens;
  into.cached_input_tokens += row.cached_input_tokens;
  into.cache_write_input_tokens += row.cache_write_input_tokens;
  into.reasoning_tokens += row.reasoning_tokens;
  into.total_tokens += row.input_tokens + row.output_tokens;
  into.estimated.requests += row.estimated_requests;
  into.estimated.input_tokens += row.estimated_input_tokens;
  into.estimated.output_tokens += row.estimated_output_tokens;
  const tokens = { input: row.input_tokens, output: row.output_tokens, cached: row.cached_input_tokens, cacheWrite: row.cache_write_input_tokens };
  const reference = costOf(tokens, prices.reference());
  into.reference_cost_usd = usd(into.reference_cost_usd + reference);
  const price = prices.priceFor(row.provider, row.model);
  if (!price) {
    into.unpriced_tokens += row.input_tokens + row.output_tokens;
    return;
  }
  const cost = costOf(tokens, price);
  into.cost_usd = usd(into.cost_usd + cost);
  into.savings_usd = usd(into.savings_usd + reference - cost);
}

function group<K extends string>(rows: DailyUsage[], key: (r: DailyUsage) => K, prices: PriceBook): Map<K, UsageBreakdown> {
  const out = new Map<K, UsageBreakdown>();
  for (const row of rows) {
    const k = key(row);
    let b = out.get(k);
    if (!b) out.set(k, (b = emptyBreakdown()));
    addUsage(b, row, prices);
  }
  return out;
}

const byTokens = (a: UsageBreakdown, b: UsageBreakdown) => b.total_tokens - a.total_tokens || b.requests - a.requests;

export function buildTokenUsageReport({
  daily,
  prices,
  persistent,
  now = new Date(),
}: {
  daily: DailyUsage[];
  prices: PriceBook;
  persistent: boolean;
  now?: Date;
}): TokenUsageReport {
  const totals = emptyBreakdown();
  for (const row of daily) addUsage(totals, row, prices);
  const ref = prices.reference();
  const SEP = '\u0000';
  return {
    object: 'lynkr.token_usage',
    generated_at: now.toISOString(),
    since: daily[0]?.day ?? null,
    currency: 'USD',
    persistent,
    reference_model: { model: ref.model, input: ref.input, output: ref.output, cached: ref.cached ?? ref.input },
    totals,
    by_provider: [...group(daily, (r) => r.provider, prices)].map(([provider, b]) => ({ provider, ...b })).sort(byTokens),
    by_model: [...group(daily, (r) => `${r.provider}${SEP}${r.model}`, prices)]
      .map(([key, b]) => {
        const [provider, model] = key.split(SEP);
        const p = prices.priceFor(provider, model);
        return { provider, model, price: p ? { input: p.input, output: p.output, cached: p.cached ?? p.input, source: p.source } : null, ...b };
      })
      .sort(byTokens),
    by_day: [...group(daily, (r) => r.day, prices)].map(([day, b]) => ({ day, ...b })),
  };
}
