/**
 * @module pipeline/optimize/token-optimization-stage
 * Token optimisation as a stage (TOKEN_OPTIMIZATION, on by default; docs/caching.md). It
 * applies to translated requests toward upstreams without provider-side prompt caching,
 * decided by the adapter's dialect: Ollama's native API and OpenAI-compatible chat (local
 * servers, OpenAI, OpenRouter). Never on the pass-through fast path (the client's bytes are
 * forwarded as they are), never toward Anthropic or Bedrock (their prompt cache makes a
 * stable, complete prefix cheaper than a shorter changing one) or a Responses upstream.
 * Savings are counted once the optimised request was answered by the upstream (not for a
 * cache hit, which saved the whole call instead).
 */
import { cacheServicesOf } from '../../cache/cache-services.js';
import type { DialectName } from '../../ir/types.js';
import { isReplay } from '../cache/capture-upstream-response.js';
import type { PipelineStage } from '../stage.js';
import { optimizeRequest, type OptimizeResult, type Technique } from './optimize-request.js';

const STATE = 'token-optimization';

/** Upstream dialects without request-controlled prompt caching. */
const OPTIMIZED_DIALECTS: ReadonlySet<DialectName> = new Set(['ollama', 'openai-chat']);

export const tokenOptimizationStage: PipelineStage = {
  name: STATE,
  beforeCall(req, ctx) {
    if (!ctx.services.config.tokenOptimization || ctx.passthroughCandidate || !OPTIMIZED_DIALECTS.has(ctx.route.adapter.dialect)) return req;
    const { req: optimized, saved } = optimizeRequest(req);
    if (optimized === req) return req;
    ctx.state.set(STATE, saved);
    ctx.services.log.debug({ requestId: ctx.requestId, saved }, 'token optimisation');
    return optimized;
  },
  onComplete(_req, _response, ctx) {
    const saved = ctx.state.get(STATE) as OptimizeResult['saved'] | undefined;
    const savings = cacheServicesOf(ctx.services)?.savings;
    if (!saved || !savings || isReplay(ctx)) return;
    for (const [technique, tokens] of Object.entries(saved) as Array<[Technique, number]>) savings.inputRemoved({ mechanism: technique, target: ctx.route, tokens });
  },
};
