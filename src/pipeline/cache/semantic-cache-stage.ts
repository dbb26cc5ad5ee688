/**
 * @module pipeline/cache/semantic-cache-stage
 * The semantic cache as a pipeline stage (SEMANTIC_CACHE_ENABLED, off by default;
 * docs/caching.md). Only requests with a semantic scope take part (answer-key.ts): no tool
 * calls or results anywhere in the conversation and a latest message of plain user text.
 * - `shortCircuit`: embeds that text and replays the nearest stored answer of the same scope
 *   when its cosine similarity reaches SEMANTIC_CACHE_THRESHOLD.
 * - `onComplete`: stores a complete answer that is text only (an answer that calls tools
 *   starts an agent loop and is never reused by meaning).
 * An embeddings failure or time-out costs a miss and a warning, never the request.
 */
import { semanticScope } from '../../cache/answer-key.js';
import { cacheServicesOf } from '../../cache/cache-services.js';
import { recordCacheLookup } from '../../cache/cache-metrics.js';
import { isCompleteResponse, replayResponse } from '../../cache/replay-response.js';
import { upstreamTarget } from '../../cache/upstream-target.js';
import type { PipelineStage } from '../stage.js';
import { capturedResponse, captureUpstreamResponse, markReplay } from './capture-upstream-response.js';

const STATE = 'semantic-cache';
/** Longest wait for the embedding of a question; past it the request goes upstream. */
const EMBED_TIMEOUT_MS = 10_000;

interface SemanticState {
  partition: string;
  vector: number[];
  provider: string;
  model: string;
}

export const semanticCacheStage: PipelineStage = {
  name: STATE,
  async shortCircuit(req, ctx) {
    const cache = cacheServicesOf(ctx.services);
    const semantic = cache?.semantic;
    if (!cache || !semantic) return undefined;
    const scope = semanticScope(req, upstreamTarget(ctx.route, ctx.services.config));
    if (!scope) return undefined;
    const partition = semantic.partition(scope.partition);
    let vector: number[];
    let hit;
    try {
      vector = await semantic.embed(scope.text, AbortSignal.any([ctx.signal, AbortSignal.timeout(EMBED_TIMEOUT_MS)]));
      hit = semantic.lookup(partition, vector);
    } catch (err) {
      recordCacheLookup('semantic', 'error');
      ctx.services.log.warn({ requestId: ctx.requestId, err: (err as Error).message }, 'semantic cache lookup failed');
      return undefined;
    }
    ctx.state.set(STATE, { partition, vector, provider: ctx.route.provider, model: ctx.route.model } satisfies SemanticState);
    recordCacheLookup('semantic', hit ? 'hit' : 'miss');
    if (!hit) return undefined;
    markReplay(ctx);
    cache.savings.callAvoided({ mechanism: 'semantic_cache', target: ctx.route, usage: hit.response.usage });
    ctx.services.log.debug({ requestId: ctx.requestId, similarity: hit.similarity }, 'semantic cache hit');
    return replayResponse(hit.response);
  },
  transformStream(events, _req, ctx) {
    return ctx.state.has(STATE) ? captureUpstreamResponse(events, ctx) : events;
  },
  onComplete(_req, response, ctx) {
    const semantic = cacheServicesOf(ctx.services)?.semantic;
    const state = ctx.state.get(STATE) as SemanticState | undefined;
    if (!semantic || !state || ctx.route.provider !== state.provider || ctx.route.model !== state.model) return;
    const answer = capturedResponse(ctx, response);
    if (!answer || !isCompleteResponse(answer) || answer.parts.some((p) => p.type === 'tool_call')) return;
    try {
      semantic.store({ partition: state.partition, vector: state.vector, response: answer });
    } catch (err) {
      ctx.services.log.warn({ requestId: ctx.requestId, err: (err as Error).message }, 'semantic cache store failed');
    }
  },
};
