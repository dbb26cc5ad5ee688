import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCompleteResponse, replayResponse } from '../../../src/cache/replay-response.js';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import type { IrResponse, IrStreamEvent } from '../../../src/ir/types.js';
import { collectResponse } from '../../../src/pipeline/collect-response.js';

const stored: IrResponse = {
  id: 'cached',
  model: 'qwen2.5-coder:7b',
  parts: [
    { type: 'reasoning', text: 'Think first.', provider: 'anthropic', signature: 'sig-1' },
    { type: 'reasoning', text: '', encrypted: { dialect: 'openai-responses', value: 'gAAAA…' } },
    { type: 'text', text: 'Running it.' },
    { type: 'tool_call', id: 'call_7', name: 'exec', namespace: 'shell', toolKind: 'function', arguments: '{"cmd":"ls"}' },
    { type: 'tool_call', id: 'call_8', name: 'apply_patch', toolKind: 'custom', arguments: '*** Begin Patch' },
  ],
  finishReason: 'tool_calls',
  rawFinishReason: 'tool_use',
  usage: { inputTokens: 900, outputTokens: 40, cachedInputTokens: 100, cacheWriteInputTokens: 50, reasoningTokens: 12 },
};

async function all(events: AsyncIterable<IrStreamEvent>): Promise<IrStreamEvent[]> {
  const out: IrStreamEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

test('a replay collects back into the stored answer, its whole prompt marked as cached', async () => {
  const replayed = await collectResponse(replayResponse(stored), 'new-id');
  assert.deepEqual(JSON.parse(JSON.stringify(replayed.parts)), stored.parts, 'equal as stored (JSON)');
  assert.equal(replayed.finishReason, 'tool_calls');
  assert.equal(replayed.rawFinishReason, 'tool_use');
  assert.equal(replayed.model, 'qwen2.5-coder:7b');
  assert.deepEqual(replayed.usage, { inputTokens: 900, outputTokens: 40, cachedInputTokens: 900, reasoningTokens: 12 });
});

test('a replay follows the block lifecycle: start, closed blocks, usage, exactly one finish', async () => {
  const events = await all(replayResponse(stored));
  assert.equal(events[0].type, 'start');
  assert.equal(events.at(-1)?.type, 'finish');
  assert.equal(events.filter((e) => e.type === 'finish').length, 1);
  assert.equal(events.at(-2)?.type, 'usage');
  const open = new Set<string>();
  for (const e of events) {
    if (e.type.endsWith('-start') && e.type !== 'start') {
      assert.equal(open.size, 0, 'blocks never interleave');
      open.add((e as { id: string }).id);
    } else if (e.type.endsWith('-delta')) assert.ok(open.has((e as { id: string }).id), 'a delta inside its block');
    else if (e.type.endsWith('-end')) assert.ok(open.delete((e as { id: string }).id));
  }
  assert.equal(open.size, 0);
});

test('a replay renders as a proper Chat Completions stream', async () => {
  const text: IrResponse = { id: 'x', parts: [{ type: 'text', text: 'Hello there' }], finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 2 } };
  const req = openaiChatCodec.decodeRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
  let sse = '';
  for await (const chunk of openaiChatCodec.encodeStream(replayResponse(text), { requestedModel: 'gpt-4o', responseId: 'chatcmpl-1', createdAt: 1, request: req })) sse += chunk;
  const data = sse.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
  assert.equal(data.at(-1), '[DONE]');
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
  assert.equal(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join(''), 'Hello there');
  assert.equal(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason, 'stop');
  assert.equal(chunks.at(-1).usage.prompt_tokens_details.cached_tokens, 5);
});

test('only complete answers are stored', () => {
  for (const reason of ['stop', 'length', 'tool_calls', 'stop_sequence'] as const) assert.ok(isCompleteResponse({ ...stored, finishReason: reason }), reason);
  for (const reason of ['content_filter', 'pause', 'error', 'other'] as const) assert.ok(!isCompleteResponse({ ...stored, finishReason: reason }), reason);
});
