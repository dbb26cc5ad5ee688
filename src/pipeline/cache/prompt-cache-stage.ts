/**
 * @module pipeline/cache/prompt-cache-stage
 * The exact-match prompt cache as a pipeline stage (PROMPT_CACHE_ENABLED, docs/caching.md):
 * - `shortCircuit`: looks the request's key up (answer-key.ts); a hit is replayed as an IR
 *   stream that the caller's encoder renders, streamed or not, and the upstream is not called.
 *   It runs before the pass-through decision, so a hit also answers a same-dialect client.
 * - `transformStream` / `onComplete`: captures the upstream's answer and stores it once it is
 *   complete (finish stop, length, stop sequence or tool calls), unless the request failed
 *   over to another provider than the one in its key.
 * A store that fails (Redis down, disk full) costs a miss and a warning, never the request.
 */
import { promptCacheKey } from '../../cache/answer-key.js';
import { cacheServicesOf } from '../../cache/cache-services.js';
import { recordCacheLookup } from '../../cache/cache-metrics.js';
import { isCompleteResponse, replayResponse } from '../../cache/replay-response.js';
import { upstreamTarget } from '../../cache/upstream-target.js';
import type { PipelineStage } from '../stage.js';
import { capturedResponse, captureUpstreamResponse, markReplay } from './capture-upstream-response.js';

const STATE = 'prompt-cache';

interface PromptCacheState {
  key: string;
  provider: string;
  model: string;
}

export const promptCacheStage: PipelineStage = {
  name: STATE,
  async shortCircuit(req, ctx) {
    const cache = cacheServicesOf(ctx.services);
    if (!cache?.prompt) return undefined;
    const state: PromptCacheState = { key: promptCacheKey(req, upstreamTarget(ctx.route, ctx.services.config)), provider: ctx.route.provider, model: ctx.route.model };
    ctx.state.set(STATE, state);
    let hit;
    try {
      hit = await cache.prompt.get(state.key);
    } catch (err) {
      recordCacheLookup('prompt', 'error');
      ctx.services.log.warn({ requestId: ctx.requestId, store: cache.prompt.store.kind, err: (err as Error).message }, 'prompt cache lookup failed');
      return undefined;
    }
    recordCacheLookup('prompt', hit ? 'hit' : 'miss');
    if (!hit) return undefined;
    markReplay(ctx);
    cache.savings.callAvoided({ mechanism: 'prompt_cache', target: ctx.route, usage: hit.usage });
    ctx.services.log.debug({ requestId: ctx.requestId, key: state.key }, 'prompt cache hit');
    return replayResponse(hit);
  },
  transformStream(events, _req, ctx) {
    return ctx.state.has(STATE) ? captureUpstreamResponse(events, ctx) : events;
  },
  onComplete(_req, response, ctx) {
    const cache = cacheServicesOf(ctx.services);
    const state = ctx.state.get(STATE) as PromptCacheState | undefined;
    if (!cache?.prompt || !state || ctx.route.provider !== state.provider || ctx.route.model !== state.model) return;
    const answer = capturedResponse(ctx, response);
    if (!answer || !isCompleteResponse(answer)) return;
    cache.prompt.put(state.key, answer).catch((err: unknown) => {
      ctx.services.log.warn({ requestId: ctx.requestId, store: cache.prompt?.store.kind, err: (err as Error).message }, 'prompt cache store failed');
    });
  },
};
