import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrRequest, IrStreamEvent } from '../../../src/ir/types.js';
import { collectResponse } from '../../../src/pipeline/collect-response.js';
import { ensureUsage } from '../../../src/pipeline/ensure-usage.js';
import { restoreToolCalls } from '../../../src/pipeline/restore-tool-calls.js';
import { chooseNumCtx } from '../../../src/providers/ollama/ollama-adapter.js';

async function* from(events: IrStreamEvent[], delayMs = 0): AsyncGenerator<IrStreamEvent> {
  for (const e of events) {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    yield e;
  }
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const baseReq = (over: Partial<IrRequest> = {}): IrRequest => ({ model: 'm', system: [], messages: [], tools: [], stream: true, extensions: {}, ...over });

test('restoreToolCalls maps wire names back to namespace and unwraps custom tool input', async () => {
  const map = new ToolNameMap([
    { kind: 'custom', name: 'apply_patch' },
    { kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1', parameters: {} },
  ]);
  const out = await all(
    restoreToolCalls(
      from([
        { type: 'tool-call-start', id: 'c1', name: 'apply_patch', toolKind: 'function' },
        { type: 'tool-call-delta', id: 'c1', delta: '{"input":"*** Begin Patch\\n' },
        { type: 'tool-call-delta', id: 'c1', delta: '*** End Patch"}' },
        { type: 'tool-call-end', id: 'c1' },
        { type: 'tool-call-start', id: 'c2', name: 'close_agent', toolKind: 'function' },
        { type: 'tool-call-delta', id: 'c2', delta: '{"target":"x"}' },
        { type: 'tool-call-end', id: 'c2' },
      ]),
      map,
    ),
  );
  assert.deepEqual(out[0], { type: 'tool-call-start', id: 'c1', name: 'apply_patch', namespace: undefined, toolKind: 'custom' });
  assert.deepEqual(out[1], { type: 'tool-call-delta', id: 'c1', delta: '*** Begin Patch\n*** End Patch' });
  assert.deepEqual(out[3], { type: 'tool-call-start', id: 'c2', name: 'close_agent', namespace: 'multi_agent_v1', toolKind: 'function' });
  assert.deepEqual(out[4], { type: 'tool-call-delta', id: 'c2', delta: '{"target":"x"}' });
});

test('restoreToolCalls keeps raw custom input the model wrote without the JSON wrapper', async () => {
  const map = new ToolNameMap([{ kind: 'custom', name: 'apply_patch' }]);
  const out = await all(
    restoreToolCalls(
      from([
        { type: 'tool-call-start', id: 'c1', name: 'apply_patch', toolKind: 'function' },
        { type: 'tool-call-delta', id: 'c1', delta: '*** Begin Patch' },
        { type: 'tool-call-end', id: 'c1' },
      ]),
      map,
    ),
  );
  assert.equal((out[1] as { delta: string }).delta, '*** Begin Patch');
});

test('ensureUsage estimates integer usage when the upstream reports none, and keeps reported usage', async () => {
  const req = baseReq({ system: [{ type: 'text', text: 'x'.repeat(400) }] });
  const estimated = await all(
    ensureUsage(from([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'y'.repeat(40) }, { type: 'text-end', id: 't' }, { type: 'finish', reason: 'stop' }]), req),
  );
  const fin = estimated.at(-1) as Extract<IrStreamEvent, { type: 'finish' }>;
  assert.deepEqual(fin.usage, { inputTokens: 100, outputTokens: 10, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined, estimated: true });

  const reported = await all(ensureUsage(from([{ type: 'usage', usage: { inputTokens: 42, outputTokens: 7 } }, { type: 'finish', reason: 'stop' }]), req));
  const fin2 = reported.at(-1) as Extract<IrStreamEvent, { type: 'finish' }>;
  assert.equal(fin2.usage?.inputTokens, 42);
  assert.equal(fin2.usage?.outputTokens, 7);
  assert.equal(fin2.usage?.estimated, undefined);
});

test('collectResponse folds a stream and throws an error event', async () => {
  const res = await collectResponse(
    from([
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'think' },
      { type: 'reasoning-end', id: 'r', signature: 'sig' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'hi' },
      { type: 'text-end', id: 't' },
      { type: 'tool-call-start', id: 'c', name: 'f', toolKind: 'function' },
      { type: 'tool-call-delta', id: 'c', delta: '{}' },
      { type: 'tool-call-end', id: 'c' },
      { type: 'finish', reason: 'tool_calls', usage: { inputTokens: 1, outputTokens: 2 } },
    ]),
    'resp_1',
  );
  assert.deepEqual(res.parts, [
    { type: 'reasoning', text: 'think', provider: undefined, signature: 'sig' },
    { type: 'text', text: 'hi' },
    { type: 'tool_call', id: 'c', name: 'f', namespace: undefined, toolKind: 'function', arguments: '{}' },
  ]);
  assert.equal(res.finishReason, 'tool_calls');
  const { LynkrError } = await import('../../../src/ir/errors.js');
  await assert.rejects(collectResponse(from([{ type: 'error', error: new LynkrError('rate_limited', 'slow down') }]), 'x'), /slow down/);
});

test('Ollama num_ctx fits the prompt in power-of-two steps within the configured bounds', () => {
  assert.equal(chooseNumCtx(1000, undefined, 16384, 131072), 16384);
  assert.equal(chooseNumCtx(20000, undefined, 16384, 131072), 32768);
  assert.equal(chooseNumCtx(20000, 64000, 16384, 131072), 32768); // answer room capped at 8192
  assert.equal(chooseNumCtx(500000, undefined, 16384, 131072), 131072);
});
