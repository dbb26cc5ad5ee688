/**
 * @module pipeline/cache/cache-breakpoints-stage
 * Provider-side prompt caching as a stage: toward upstreams whose dialect has explicit cache
 * breakpoints (Anthropic Messages, Bedrock Converse), translated requests get them placed
 * (cache/place-cache-breakpoints.ts), so Codex and Chat clients pay cached-token prices too.
 * Never on the pass-through fast path: a same-dialect client (Claude Code) places its own.
 * Every completed upstream answer that reports cached prompt tokens (these dialects, and
 * OpenAI's automatic caching) is counted as a `provider_cache` saving.
 */
import { cacheServicesOf } from '../../cache/cache-services.js';
import { placeCacheBreakpoints } from '../../cache/place-cache-breakpoints.js';
import type { DialectName } from '../../ir/types.js';
import type { PipelineStage } from '../stage.js';
import { isReplay } from './capture-upstream-response.js';

/** Upstream dialects that cache only where the request marks it. */
const BREAKPOINT_DIALECTS: ReadonlySet<DialectName> = new Set(['anthropic-messages', 'bedrock-converse']);

export const cacheBreakpointsStage: PipelineStage = {
  name: 'cache-breakpoints',
  beforeCall(req, ctx) {
    if (ctx.passthroughCandidate || !BREAKPOINT_DIALECTS.has(ctx.route.adapter.dialect)) return req;
    return placeCacheBreakpoints(req);
  },
  onComplete(_req, response, ctx) {
    if (isReplay(ctx)) return;
    cacheServicesOf(ctx.services)?.savings.providerCacheRead(ctx.route, response.usage.cachedInputTokens ?? 0);
  },
};
