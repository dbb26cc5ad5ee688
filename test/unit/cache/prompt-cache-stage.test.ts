import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CacheServices } from '../../../src/cache/cache-services.js';
import { PromptCache } from '../../../src/cache/prompt-cache.js';
import { SavingsRecorder } from '../../../src/cache/savings-recorder.js';
import type { IrRequest, IrResponse, IrStreamEvent } from '../../../src/ir/types.js';
import { PriceBook } from '../../../src/observability/price-book.js';
import { promptCacheStage } from '../../../src/pipeline/cache/prompt-cache-stage.js';
import { collectResponse } from '../../../src/pipeline/collect-response.js';
import type { CallContext } from '../../../src/pipeline/stage.js';
import { SqliteCacheStore } from '../../../src/store/cache-store-sqlite.js';
import { stageContext } from '../optimize/stage-context.js';

const req: IrRequest = { model: 'gpt-4o', system: [], tools: [], stream: false, extensions: {}, messages: [{ role: 'user', parts: [{ type: 'text', text: 'Q?' }] }] };
const answer: IrResponse = { id: 'r', parts: [{ type: 'text', text: 'A.' }], finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 2 } };

async function* upstream(): AsyncGenerator<IrStreamEvent> {
  yield { type: 'start' };
  yield { type: 'text-start', id: 't' };
  yield { type: 'text-delta', id: 't', delta: 'A.' };
  yield { type: 'text-end', id: 't' };
  yield { type: 'finish', reason: 'stop', usage: answer.usage };
}

function withCache(): { ctx: () => CallContext; prompt: PromptCache } {
  const prompt = new PromptCache(new SqliteCacheStore(':memory:'), 60_000);
  const caches = { prompt, savings: new SavingsRecorder(new PriceBook()) } as unknown as CacheServices;
  return {
    prompt,
    ctx: () => {
      const ctx = stageContext({ req, dialect: 'ollama' });
      Object.assign(ctx.services, { caches });
      return ctx;
    },
  };
}

test('miss, capture, store on complete, then a hit replays the stored answer', async () => {
  const { ctx: newCtx } = withCache();
  const first = newCtx();
  assert.equal(await promptCacheStage.shortCircuit!(req, first), undefined);
  const final = await collectResponse(promptCacheStage.transformStream!(upstream(), req, first), 'x');
  promptCacheStage.onComplete!(req, final, first);
  const second = newCtx();
  const replay = await promptCacheStage.shortCircuit!(req, second);
  assert.ok(replay, 'a hit');
  assert.deepEqual((await collectResponse(replay, 'y')).parts, answer.parts);
});

test('an answer without a capture (the pass-through path) is stored as it is; one after a failover is not', async () => {
  const { ctx: newCtx, prompt } = withCache();
  const passthrough = newCtx();
  await promptCacheStage.shortCircuit!(req, passthrough);
  promptCacheStage.onComplete!(req, answer, passthrough);
  assert.ok(await promptCacheStage.shortCircuit!(req, newCtx()));

  const other: IrRequest = { ...req, messages: [{ role: 'user', parts: [{ type: 'text', text: 'Other?' }] }] };
  const failedOver = newCtx();
  await promptCacheStage.shortCircuit!(other, failedOver);
  failedOver.route = { ...failedOver.route, provider: 'openai', model: 'gpt-4o-mini' };
  promptCacheStage.onComplete!(other, answer, failedOver);
  assert.equal(await promptCacheStage.shortCircuit!(other, newCtx()), undefined, 'keyed by the primary route, answered by another: not stored');
  await prompt.close();
});
