/**
 * @module dialects/shared/output-tokens
 * The output-token budget to send upstream: the client's value (or the provider default
 * when the client said nothing), never above the upstream's limit. Claude Code asks for
 * 64000, which many local servers reject or allocate badly (wire-contract §6.3).
 */
import type { IrRequest } from '../../ir/types.js';
import type { EgressContext } from '../types.js';

/** undefined when neither the client nor the context gives a value. */
export function clampedMaxOutputTokens(req: Pick<IrRequest, 'maxOutputTokens'>, ctx: EgressContext): number | undefined {
  const wanted = req.maxOutputTokens ?? ctx.defaultMaxOutputTokens;
  if (wanted === undefined) return undefined;
  return ctx.maxOutputTokensLimit === undefined ? wanted : Math.min(wanted, ctx.maxOutputTokensLimit);
}
