import assert from 'node:assert/strict';
import { test } from 'node:test';
import { promptCacheKey, semanticScope, type UpstreamTarget } from '../../../src/cache/answer-key.js';
import { anthropicMessagesCodec } from '../../../src/dialects/anthropic-messages/index.js';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesCodec } from '../../../src/dialects/openai-responses/index.js';
import type { IrRequest } from '../../../src/ir/types.js';
import { loadCaptured } from '../../support/fixtures.js';

const target: UpstreamTarget = { provider: 'ollama', model: 'qwen2.5-coder:7b', endpoint: 'http://127.0.0.1:11434' };
const chat = (body: Record<string, unknown>): IrRequest => openaiChatCodec.decodeRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body });

test('Codex: session ids, client metadata, store/include and stream do not change the key; the prompt does', () => {
  const codex = loadCaptured('codex-0.169.0').find((c) => c.name === 'tool-turn2')!.body;
  const key = promptCacheKey(openaiResponsesCodec.decodeRequest(codex), target);
  const otherSession = {
    ...codex,
    prompt_cache_key: '0199-another-thread',
    client_metadata: { 'x-codex-installation-id': 'other' },
    store: true,
    include: [],
    stream: false,
    model: 'gpt-5.5-codex', // the client's alias: the routed model is what counts
  };
  assert.equal(promptCacheKey(openaiResponsesCodec.decodeRequest(otherSession), target), key);
  const otherOutput = structuredClone(codex);
  otherOutput.input.at(-1).output = 'different tool output';
  assert.notEqual(promptCacheKey(openaiResponsesCodec.decodeRequest(otherOutput), target), key);
  assert.notEqual(promptCacheKey(openaiResponsesCodec.decodeRequest({ ...codex, reasoning: { effort: 'high' } }), target), key);
});

test("Claude Code: the billing header and metadata.user_id (session ids) do not change the key; thinking settings do", () => {
  const claude = loadCaptured('claude-code-2.1.197').find((c) => c.name === 'tool-turn2')!.body;
  const key = promptCacheKey(anthropicMessagesCodec.decodeRequest(claude), target);
  const rerun = {
    ...claude,
    system: [{ type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.197.99; cc_entrypoint=sdk-cli;' }, ...claude.system.slice(1)],
    metadata: { user_id: '{"device_id":"other","session_id":"another-session"}' },
  };
  assert.equal(promptCacheKey(anthropicMessagesCodec.decodeRequest(rerun), target), key);
  assert.notEqual(promptCacheKey(anthropicMessagesCodec.decodeRequest({ ...claude, thinking: { type: 'disabled' } }), target), key);
});

test('cache markers say where to cache, not what to answer: they never change the key', () => {
  const plain = anthropicMessagesCodec.decodeRequest({ model: 'm', max_tokens: 10, system: [{ type: 'text', text: 'S' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'Q' }] }] });
  const marked = anthropicMessagesCodec.decodeRequest({
    model: 'm',
    max_tokens: 10,
    system: [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Q', cache_control: { type: 'ephemeral', ttl: '1h' } }] }],
  });
  assert.equal(promptCacheKey(marked, target), promptCacheKey(plain, target));
});

test('the routed upstream is part of the key: provider, model and endpoint', () => {
  const req = chat({});
  const key = promptCacheKey(req, target);
  assert.notEqual(promptCacheKey(req, { ...target, model: 'llama3.1:8b' }), key);
  assert.notEqual(promptCacheKey(req, { ...target, endpoint: 'http://gpu-box:11434' }), key);
  assert.notEqual(promptCacheKey(req, { ...target, provider: 'llamacpp' }), key);
  assert.equal(promptCacheKey(chat({ stream: true, user: 'u1', metadata: { a: 1 }, stream_options: { include_usage: true } }), target), key);
  for (const change of [{ temperature: 0.3 }, { top_p: 0.5 }, { max_tokens: 5 }, { stop: ['x'] }, { seed: 7 }, { response_format: { type: 'json_object' } }, { tool_choice: 'none' }]) {
    assert.notEqual(promptCacheKey(chat(change), target), key, JSON.stringify(change));
  }
});

test('semantic scope: the latest user text, partitioned by everything before it and the settings', () => {
  const ask = (messages: unknown[], extra: Record<string, unknown> = {}) => semanticScope(chat({ messages, ...extra }), target);
  const a = ask([{ role: 'system', content: 'S' }, { role: 'user', content: 'What is the capital of France?' }]);
  const b = ask([{ role: 'system', content: 'S' }, { role: 'user', content: "France's capital?" }]);
  assert.equal(a?.text, 'What is the capital of France?');
  assert.equal(a?.partition, b?.partition, 'same scope, different wording');
  assert.notEqual(ask([{ role: 'system', content: 'T' }, { role: 'user', content: 'What is the capital of France?' }])?.partition, a?.partition);
  assert.notEqual(ask([{ role: 'system', content: 'S' }, { role: 'user', content: 'What is the capital of France?' }], { tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] })?.partition, a?.partition);
  assert.notEqual(
    ask([{ role: 'system', content: 'S' }, { role: 'user', content: 'Earlier.' }, { role: 'assistant', content: 'Ok.' }, { role: 'user', content: 'What is the capital of France?' }])?.partition,
    a?.partition,
    'an earlier conversation is part of the scope',
  );
});

test('no semantic scope with tool calls or results, a non-text question, or an assistant turn last', () => {
  const toolTurn = [
    { role: 'user', content: 'Read it.' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: 'data' },
    { role: 'user', content: 'Summarise it.' },
  ];
  assert.equal(semanticScope(chat({ messages: toolTurn }), target), undefined);
  const image = [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] }];
  assert.equal(semanticScope(chat({ messages: image }), target), undefined);
  assert.equal(semanticScope(chat({ messages: [{ role: 'user', content: 'Q' }, { role: 'assistant', content: 'Prefill' }] }), target), undefined);
  assert.equal(semanticScope(chat({ messages: [{ role: 'user', content: '   ' }] }), target), undefined);
});
