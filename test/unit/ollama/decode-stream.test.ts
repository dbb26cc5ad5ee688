import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaCodec } from '../../../src/dialects/ollama/index.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { assertLifecycle, collect, normalizeIds, readJsonl, replay } from '../openai-chat/support.js';

async function decodeFixture(name: string): Promise<IrStreamEvent[]> {
  const lines = readJsonl(new URL(`./fixtures/${name}.jsonl`, import.meta.url));
  const events = normalizeIds(await collect(ollamaCodec.decodeStream(replay(lines))));
  assertLifecycle(events);
  return events;
}

test('decodeStream: native text stream, usage from the done line', async () => {
  const usage = { inputTokens: 26, outputTokens: 4 };
  assert.deepEqual(await decodeFixture('text'), [
    { type: 'start', model: 'qwen2.5-coder:7b' },
    { type: 'text-start', id: 'text_0' },
    { type: 'text-delta', id: 'text_0', delta: 'Hello' },
    { type: 'text-delta', id: 'text_0', delta: ' there' },
    { type: 'text-delta', id: 'text_0', delta: '!' },
    { type: 'text-end', id: 'text_0' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'stop', rawReason: 'stop', usage },
  ]);
});

test('decodeStream: message.thinking → a reasoning block before the text', async () => {
  const usage = { inputTokens: 18, outputTokens: 22 };
  assert.deepEqual(await decodeFixture('thinking'), [
    { type: 'start', model: 'qwen3:8b' },
    { type: 'reasoning-start', id: 'reasoning_0', provider: 'ollama' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'Okay,' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: ' the user wants' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: ' a greeting.' },
    { type: 'reasoning-end', id: 'reasoning_0' },
    { type: 'text-start', id: 'text_1' },
    { type: 'text-delta', id: 'text_1', delta: 'Hi' },
    { type: 'text-delta', id: 'text_1', delta: '!' },
    { type: 'text-end', id: 'text_1' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'stop', rawReason: 'stop', usage },
  ]);
});

test('decodeStream: tool calls with object arguments and no ids; done_reason stop → tool_calls', async () => {
  const usage = { inputTokens: 1530, outputTokens: 61 };
  assert.deepEqual(await decodeFixture('tool-calls'), [
    { type: 'start', model: 'qwen3:8b' },
    { type: 'text-start', id: 'text_0' },
    { type: 'text-delta', id: 'text_0', delta: 'Let me check.' },
    { type: 'text-end', id: 'text_0' },
    { type: 'tool-call-start', id: 'call_#1', name: 'exec_command', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_#1', delta: '{"cmd":"ls -la","workdir":"/home/dev/project"}' },
    { type: 'tool-call-end', id: 'call_#1' },
    { type: 'tool-call-start', id: 'call_#2', name: 'view_image', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_#2', delta: '{"path":"a.png"}' },
    { type: 'tool-call-end', id: 'call_#2' },
    { type: 'tool-call-start', id: 'call_#3', name: 'get_goal', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_#3', delta: '{}' },
    { type: 'tool-call-end', id: 'call_#3' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'tool_calls', rawReason: 'stop', usage },
  ]);
});

test('decodeStream: synthesized ids are call_<random> and unique', async () => {
  const lines = readJsonl(new URL('./fixtures/tool-calls.jsonl', import.meta.url));
  const events = await collect(ollamaCodec.decodeStream(replay(lines)));
  const ids = events.flatMap((e) => (e.type === 'tool-call-start' ? [e.id] : []));
  assert.equal(ids.length, 3);
  assert.equal(new Set(ids).size, 3);
  for (const id of ids) assert.match(id, /^call_[0-9a-f]{24}$/);
});

test('decodeStream: done_reason length', async () => {
  const events = await decodeFixture('length');
  assert.deepEqual(events.at(-1), { type: 'finish', reason: 'length', rawReason: 'length', usage: { inputTokens: 12, outputTokens: 3 } });
});

test('decodeStream: inline <think> in content is split into reasoning', async () => {
  const events = await decodeFixture('think-inline');
  assert.deepEqual(events.slice(0, 9), [
    { type: 'start', model: 'deepseek-r1:8b' },
    { type: 'reasoning-start', id: 'reasoning_0', provider: 'ollama' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: '\nShort' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: ' one.\n' },
    { type: 'reasoning-end', id: 'reasoning_0' },
    { type: 'text-start', id: 'text_1' },
    { type: 'text-delta', id: 'text_1', delta: 'Done.' },
    { type: 'text-end', id: 'text_1' },
    { type: 'usage', usage: { inputTokens: 9, outputTokens: 14 } },
  ]);
});

test('decodeStream: an {"error"} line mid-stream → upstream_error', async () => {
  const events = await decodeFixture('error-midstream');
  const last = events.at(-1)!;
  assert.equal(last.type, 'error');
  assert.ok(last.type === 'error');
  assert.equal(last.error.code, 'upstream_error');
  assert.equal(last.error.message, 'an error was encountered while running the model: unexpected EOF');
});

test('decodeStream: no usage when the done line has no counts; string arguments and given ids kept', async () => {
  const lines = [
    { model: 'm', message: { role: 'assistant', content: '', tool_calls: [{ id: 'call_given', function: { index: 0, name: 'f', arguments: '{"a":1}' } }] }, done: false },
    { model: 'm', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' },
  ];
  const events = await collect(ollamaCodec.decodeStream(replay(lines)));
  assertLifecycle(events);
  assert.deepEqual(events, [
    { type: 'start', model: 'm' },
    { type: 'tool-call-start', id: 'call_given', name: 'f', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_given', delta: '{"a":1}' },
    { type: 'tool-call-end', id: 'call_given' },
    { type: 'finish', reason: 'tool_calls', rawReason: 'stop' },
  ]);
});

test('decodeStream: input ending without a done line → upstream_error', async () => {
  const lines = [{ model: 'm', message: { role: 'assistant', content: 'cut' }, done: false }];
  const events = await collect(ollamaCodec.decodeStream(replay(lines)));
  assertLifecycle(events);
  assert.equal(events.at(-1)!.type, 'error');
});
