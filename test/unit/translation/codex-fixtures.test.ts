/**
 * Every captured Codex 0.169.0 request decodes with the Responses codec and translates to each
 * upstream dialect without error; the upstream bodies keep what the model needs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anthropicMessagesCodec } from '../../../src/dialects/anthropic-messages/index.js';
import { ollamaCodec } from '../../../src/dialects/ollama/index.js';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesCodec } from '../../../src/dialects/openai-responses/index.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import { loadCaptured } from '../../support/fixtures.js';

const fixtures = loadCaptured('codex-0.169.0');

for (const fx of fixtures) {
  test(`Codex ${fx.name}: translates to chat, Ollama and Anthropic`, () => {
    const ir = openaiResponsesCodec.decodeRequest(fx.body);
    const toolNames = ToolNameMap.forRequest(ir);
    const base = { toolNames, stream: true };

    const chat = openaiChatCodec.encodeRequest(ir, { ...base, model: 'up' }) as Record<string, any>;
    assert.equal(chat.messages[0].role, 'system');
    assert.equal(chat.messages.filter((m: any) => m.role === 'system').length, 1, 'one leading system message');
    assert.ok(chat.messages[0].content.includes('You are Codex'), 'the base prompt survives');
    assert.ok(!chat.messages.some((m: any) => m.role === 'developer'));
    assert.equal(chat.stream, true);
    if (fx.body.tools.length === 0) {
      assert.equal(chat.tool_choice, undefined, 'tool_choice dropped without tools (compaction)');
      assert.equal(chat.parallel_tool_calls, undefined);
    } else {
      const names = chat.tools.map((t: any) => t.function.name);
      assert.ok(names.includes('exec_command'));
      assert.ok(!names.includes('web_search'), 'hosted tools are not sent to chat upstreams');
      for (const n of names) assert.match(n, /^[a-zA-Z0-9_-]{1,64}$/);
    }
    // Every tool message answers a call of the assistant message right before the tool block.
    chat.messages.forEach((m: any, i: number) => {
      if (m.role !== 'tool') return;
      let j = i - 1;
      while (chat.messages[j].role === 'tool') j--;
      assert.equal(chat.messages[j].role, 'assistant');
      assert.ok(chat.messages[j].tool_calls.some((c: any) => c.id === m.tool_call_id), `${fx.name}: tool result ${m.tool_call_id} pairs with its call`);
    });

    const ollama = ollamaCodec.encodeRequest(ir, { ...base, model: 'qwen' }) as Record<string, any>;
    assert.equal(ollama.messages[0].role, 'system');
    for (const m of ollama.messages) {
      for (const c of m.tool_calls ?? []) assert.equal(typeof c.function.arguments, 'object');
    }

    const anthropic = anthropicMessagesCodec.encodeRequest(ir, { ...base, model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 8192 }) as Record<string, any>;
    assert.ok(anthropic.max_tokens > 0);
    assert.equal(anthropic.messages[0].role, 'user');
    for (let i = 1; i < anthropic.messages.length; i++) assert.notEqual(anthropic.messages[i].role, anthropic.messages[i - 1].role, 'roles alternate');
  });
}

test('Codex tool turn: the call and its output reach every upstream intact', () => {
  const fx = fixtures.find((f) => f.name === 'tool-turn2')!;
  const call = fx.body.input.find((i: any) => i.type === 'function_call');
  const output = fx.body.input.find((i: any) => i.type === 'function_call_output');
  const ir = openaiResponsesCodec.decodeRequest(fx.body);
  const toolNames = ToolNameMap.forRequest(ir);
  const chat = openaiChatCodec.encodeRequest(ir, { toolNames, stream: true, model: 'm' }) as Record<string, any>;
  const assistant = chat.messages.find((m: any) => m.tool_calls);
  assert.equal(assistant.tool_calls[0].id, call.call_id);
  assert.equal(assistant.tool_calls[0].function.name, call.name);
  assert.equal(assistant.tool_calls[0].function.arguments, call.arguments);
  const tool = chat.messages.find((m: any) => m.role === 'tool');
  assert.equal(tool.content, output.output);
  const anthropic = anthropicMessagesCodec.encodeRequest(ir, { toolNames, stream: true, model: 'c', defaultMaxOutputTokens: 8192 }) as Record<string, any>;
  const use = anthropic.messages.flatMap((m: any) => (Array.isArray(m.content) ? m.content : [])).find((b: any) => b.type === 'tool_use');
  assert.deepEqual(use.input, JSON.parse(call.arguments));
});

test('Codex namespaced call keeps the same wire name in tools and history', () => {
  const fx = fixtures.find((f) => f.name === 'namespace-tool-turn2')!;
  const ir = openaiResponsesCodec.decodeRequest(fx.body);
  const toolNames = ToolNameMap.forRequest(ir);
  const chat = openaiChatCodec.encodeRequest(ir, { toolNames, stream: true, model: 'm' }) as Record<string, any>;
  const called = chat.messages.find((m: any) => m.tool_calls).tool_calls[0].function.name;
  const item = fx.body.input.find((i: any) => i.type === 'function_call');
  assert.ok(item.namespace, 'fixture has a namespaced call');
  assert.match(called, /^[a-zA-Z0-9_-]{1,64}$/);
  assert.deepEqual(toolNames.resolve(called), { name: item.name, namespace: item.namespace, toolKind: 'function' });
});
