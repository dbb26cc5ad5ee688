import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { assertLifecycle, collect, normalizeIds, readJsonl, replay } from './support.js';

async function decodeFixture(name: string): Promise<IrStreamEvent[]> {
  const payloads = readJsonl(new URL(`./fixtures/${name}.jsonl`, import.meta.url));
  const events = normalizeIds(await collect(openaiChatCodec.decodeStream(replay(payloads))));
  assertLifecycle(events);
  return events;
}

test('decodeStream: OpenAI text stream with include_usage chunk', async () => {
  const usage = { inputTokens: 19, outputTokens: 7, cachedInputTokens: 0, reasoningTokens: 0 };
  assert.deepEqual(await decodeFixture('openai-text-usage'), [
    { type: 'start', id: 'chatcmpl-B7xq2Lz9Kf3mQ1', model: 'gpt-4o-2024-08-06' },
    { type: 'text-start', id: 'text_0' },
    { type: 'text-delta', id: 'text_0', delta: 'Hello' },
    { type: 'text-delta', id: 'text_0', delta: '!' },
    { type: 'text-delta', id: 'text_0', delta: ' How can I help?' },
    { type: 'text-end', id: 'text_0' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'stop', rawReason: 'stop', usage },
  ]);
});

test('decodeStream: OpenAI parallel tool calls, fragments by index', async () => {
  const usage = { inputTokens: 82, outputTokens: 46, cachedInputTokens: 64, reasoningTokens: 0 };
  assert.deepEqual(await decodeFixture('openai-parallel-tools'), [
    { type: 'start', id: 'chatcmpl-B7xr8Wn4Tt2pQ9', model: 'gpt-4o-2024-08-06' },
    { type: 'tool-call-start', id: 'call_Xh3kP0aQ', name: 'get_weather', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_Xh3kP0aQ', delta: '{"location": "Paris"}' },
    { type: 'tool-call-end', id: 'call_Xh3kP0aQ' },
    { type: 'tool-call-start', id: 'call_Zq7mN2bR', name: 'get_weather', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_Zq7mN2bR', delta: '{"location": "Tokyo"}' },
    { type: 'tool-call-end', id: 'call_Zq7mN2bR' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'tool_calls', rawReason: 'tool_calls', usage },
  ]);
});

test('decodeStream: Ollama compat quirks: all calls index 0 with new ids, full arguments, finish "stop"', async () => {
  const usage = { inputTokens: 210, outputTokens: 38 };
  assert.deepEqual(await decodeFixture('ollama-compat-index0'), [
    { type: 'start', id: 'chatcmpl-417', model: 'qwen2.5-coder:7b' },
    { type: 'tool-call-start', id: 'call_wteop8bt', name: 'run_command', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_wteop8bt', delta: '{"command":"ls"}' },
    { type: 'tool-call-end', id: 'call_wteop8bt' },
    { type: 'tool-call-start', id: 'call_rk2xye1l', name: 'run_command', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_rk2xye1l', delta: '{"command":"ls -l"}' },
    { type: 'tool-call-end', id: 'call_rk2xye1l' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'tool_calls', rawReason: 'stop', usage },
  ]);
});

test('decodeStream: DeepSeek reasoning_content then content; reasoning and cache usage', async () => {
  const usage = { inputTokens: 15, outputTokens: 41, cachedInputTokens: 0, reasoningTokens: 33 };
  assert.deepEqual(await decodeFixture('deepseek-reasoning'), [
    { type: 'start', id: 'a1f3c9e2-6b7d-4e0a-9c1b-2f5e8d7a6b40', model: 'deepseek-reasoner' },
    { type: 'reasoning-start', id: 'reasoning_0' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'The user' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: ' asks 2+2.' },
    { type: 'reasoning-end', id: 'reasoning_0' },
    { type: 'text-start', id: 'text_1' },
    { type: 'text-delta', id: 'text_1', delta: '2 + 2 = ' },
    { type: 'text-delta', id: 'text_1', delta: '4.' },
    { type: 'text-end', id: 'text_1' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'stop', rawReason: 'stop', usage },
  ]);
});

test('decodeStream: llama.cpp reasoning_content and a fragmented tool call', async () => {
  const usage = { inputTokens: 402, outputTokens: 31 };
  assert.deepEqual(await decodeFixture('llamacpp-reasoning-tool'), [
    { type: 'start', id: 'chatcmpl-Q2aW9rJm0fXcZk1yVb7n', model: 'qwen3-8b' },
    { type: 'reasoning-start', id: 'reasoning_0' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'I should' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: ' read the file.' },
    { type: 'reasoning-end', id: 'reasoning_0' },
    { type: 'tool-call-start', id: '3ZbMuUdJhGm0Yq8d', name: 'read_file', toolKind: 'function' },
    { type: 'tool-call-delta', id: '3ZbMuUdJhGm0Yq8d', delta: '{"path":"README.md"}' },
    { type: 'tool-call-end', id: '3ZbMuUdJhGm0Yq8d' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'tool_calls', rawReason: 'tool_calls', usage },
  ]);
});

test('decodeStream: inline <think> split at awkward places', async () => {
  assert.deepEqual(await decodeFixture('think-inline'), [
    { type: 'start', id: 'chatcmpl-7c0de9a4b1e24f0f', model: 'deepseek-r1-distill-qwen-7b' },
    { type: 'reasoning-start', id: 'reasoning_0' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: '\nOkay, ' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'simple sum.' },
    { type: 'reasoning-end', id: 'reasoning_0' },
    { type: 'text-start', id: 'text_1' },
    { type: 'text-delta', id: 'text_1', delta: 'It is 4.' },
    { type: 'text-delta', id: 'text_1', delta: ' <think> stays text' },
    { type: 'text-end', id: 'text_1' },
    { type: 'finish', reason: 'stop', rawReason: 'stop' },
  ]);
});

test('decodeStream: Databricks content arrays with reasoning summary and signature', async () => {
  const usage = { inputTokens: 120, outputTokens: 40 };
  assert.deepEqual(await decodeFixture('databricks-content-array'), [
    { type: 'start', id: 'chatcmpl_8d0c5f0e-0c4b-4b64-9a0f-6a2d2e1f9a11', model: 'databricks-claude-sonnet-4-5' },
    { type: 'reasoning-start', id: 'reasoning_0' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'Compare the' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: ' two lists.' },
    { type: 'reasoning-end', id: 'reasoning_0', signature: 'ErUBCkYIBBgCIkD1sig==' },
    { type: 'text-start', id: 'text_1' },
    { type: 'text-delta', id: 'text_1', delta: 'They differ' },
    { type: 'text-delta', id: 'text_1', delta: ' by one item.' },
    { type: 'text-end', id: 'text_1' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'stop', rawReason: 'stop', usage },
  ]);
});

test('decodeStream: OpenRouter delta.reasoning, finish length, usage in the last chunk', async () => {
  const usage = { inputTokens: 12, outputTokens: 16, reasoningTokens: 12 };
  assert.deepEqual(await decodeFixture('openrouter-reasoning'), [
    { type: 'start', id: 'gen-1764072600-Hk2LmQ9pXr4TzV8', model: 'qwen/qwen3-235b-a22b' },
    { type: 'reasoning-start', id: 'reasoning_0' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'Hmm,' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: ' short answer.' },
    { type: 'reasoning-end', id: 'reasoning_0' },
    { type: 'text-start', id: 'text_1' },
    { type: 'text-delta', id: 'text_1', delta: 'Yes.' },
    { type: 'text-end', id: 'text_1' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'length', rawReason: 'length', usage },
  ]);
});

test('decodeStream: an error payload mid-stream ends with an upstream_error', async () => {
  const events = await decodeFixture('error-midstream');
  assert.deepEqual(events.slice(0, 3).map((e) => e.type), ['start', 'text-start', 'text-delta']);
  const last = events.at(-1)!;
  assert.equal(last.type, 'error');
  assert.ok(last.type === 'error' && LynkrError.isInstance(last.error));
  assert.equal(last.type === 'error' && last.error.code, 'upstream_error');
  assert.equal(last.type === 'error' && last.error.message, 'Provider returned error: upstream connection reset');
  assert.equal(events.length, 4);
});

test('decodeStream: a stream without finish_reason still finishes', async () => {
  const events = await decodeFixture('no-finish');
  assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop' });
  assert.deepEqual(
    events.filter((e) => e.type === 'text-delta').map((e) => (e as { delta: string }).delta),
    ['Just text', ' and no finish.'],
  );
});

test('decodeStream: missing tool-call ids are synthesized; no finish with calls → tool_calls', async () => {
  const payloads = [
    { id: 'x', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'ls', arguments: '{"a":' } }] } }] },
    { id: 'x', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '1}' } }] } }] },
  ];
  const events = normalizeIds(await collect(openaiChatCodec.decodeStream(replay(payloads))));
  assertLifecycle(events);
  assert.deepEqual(events, [
    { type: 'start', id: 'x' },
    { type: 'tool-call-start', id: 'call_#1', name: 'ls', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_#1', delta: '{"a":1}' },
    { type: 'tool-call-end', id: 'call_#1' },
    { type: 'finish', reason: 'tool_calls' },
  ]);
});

test('decodeStream: text comes before tool calls even when the server interleaves them', async () => {
  const payloads = [
    { choices: [{ index: 0, delta: { content: 'Checking' } }] },
    { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } }] } }] },
    { choices: [{ index: 0, delta: { content: ' now.' } }] },
    { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  ];
  const events = await collect(openaiChatCodec.decodeStream(replay(payloads)));
  assertLifecycle(events);
  assert.deepEqual(
    events.map((e) => e.type),
    ['start', 'text-start', 'text-delta', 'text-delta', 'text-end', 'tool-call-start', 'tool-call-delta', 'tool-call-end', 'finish'],
  );
});
