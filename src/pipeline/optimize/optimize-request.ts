/**
 * @module pipeline/optimize/optimize-request
 * Token optimisation of one request: the techniques applied in order, each measured on its
 * own (bench/tokens reports them one by one):
 *   1. `clear_tool_results`: old tool results → placeholders, in batches;
 *   2. `dedupe_content`: later copies of identical content → references;
 *   3. `compact_tool_schemas`: schema annotations no model reads, dropped.
 * Savings are estimated at ≈4 characters a token (`estimateRequestTokens`), the cheap
 * measure the pipeline already uses; the benchmark counts real BPE tokens.
 */
import { estimateRequestTokens } from '../../ir/helpers.js';
import type { IrRequest } from '../../ir/types.js';
import { clearToolResults, CLEAR_TOOL_RESULTS_DEFAULTS, type ClearToolResultsOptions } from './clear-tool-results.js';
import { compactToolSchemas } from './compact-tool-schemas.js';
import { dedupeContent, DEDUPE_DEFAULTS, type DedupeOptions } from './dedupe-content.js';

export const TECHNIQUES = ['clear_tool_results', 'dedupe_content', 'compact_tool_schemas'] as const;
export type Technique = (typeof TECHNIQUES)[number];

export interface OptimizeOptions {
  techniques?: readonly Technique[];
  clear?: ClearToolResultsOptions;
  dedupe?: DedupeOptions;
}

export interface OptimizeResult {
  /** The optimised request, or the input itself when nothing changed. */
  req: IrRequest;
  /** Estimated input tokens each technique removed (only those that removed any). */
  saved: Partial<Record<Technique, number>>;
}

function apply(technique: Technique, req: IrRequest, options: OptimizeOptions): IrRequest {
  switch (technique) {
    case 'clear_tool_results':
      return clearToolResults(req, options.clear ?? CLEAR_TOOL_RESULTS_DEFAULTS).req;
    case 'dedupe_content':
      return dedupeContent(req, options.dedupe ?? DEDUPE_DEFAULTS).req;
    case 'compact_tool_schemas':
      return compactToolSchemas(req).req;
  }
}

/**
 * @example
 * const { req: smaller, saved } = optimizeRequest(req); // saved.clear_tool_results ≈ tokens cleared
 */
export function optimizeRequest(req: IrRequest, options: OptimizeOptions = {}): OptimizeResult {
  const techniques = options.techniques ?? TECHNIQUES;
  const saved: OptimizeResult['saved'] = {};
  let current = req;
  for (const technique of TECHNIQUES) {
    if (!techniques.includes(technique)) continue;
    const next = apply(technique, current, options);
    if (next === current) continue;
    const removed = estimateRequestTokens(current) - estimateRequestTokens(next);
    if (removed > 0) saved[technique] = removed;
    current = next;
  }
  return { req: current, saved };
}
