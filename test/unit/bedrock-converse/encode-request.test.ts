/**
 * encodeRequest: IR → Converse body under the rules of wire-contract §6.3 "Bedrock Converse
 * specifics" (no blank text, alternating roles starting with user, toolConfig whenever the
 * history has tool use, 64-character tool names, object tool input), Claude thinking and cache
 * points, and every real Codex and Claude Code request captured in shared/fixtures.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRequest as decodeAnthropic } from '../../../src/dialects/anthropic-messages/decode-request.js';
import { bedrockConverseCodec as codec } from '../../../src/dialects/bedrock-converse/index.js';
import { decodeRequest as decodeResponses } from '../../../src/dialects/openai-responses/index.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrMessage, IrPart, IrRequest } from '../../../src/ir/types.js';
import { maxOutputTokensFor } from '../../../src/providers/bedrock/output-limits.js';
import { loadCaptured } from '../../support/fixtures.js';
import { CLAUDE_35_V2, CLAUDE_SONNET_45, LLAMA, ctxFor, irRequest } from './helpers.js';

type Json = Record<string, any>;

function encode(req: IrRequest, model = CLAUDE_SONNET_45, limits: { max?: number; def?: number } = {}): Json {
  return codec.encodeRequest(req, ctxFor(req, model, limits)) as Json;
}

const user = (...parts: IrPart[]): IrMessage => ({ role: 'user', parts });
const assistant = (...parts: IrPart[]): IrMessage => ({ role: 'assistant', parts });
const tool = (...parts: IrPart[]): IrMessage => ({ role: 'tool', parts });
const text = (t: string, cacheControl?: unknown): IrPart => ({ type: 'text', text: t, ...(cacheControl ? { cacheControl } : {}) });
const call = (id: string, name: string, args: string, extra: Partial<IrPart> = {}): IrPart =>
  ({ type: 'tool_call', id, name, toolKind: 'function', arguments: args, ...extra }) as IrPart;
const result = (callId: string, t: string, isError = false): IrPart => ({ type: 'tool_result', callId, content: [{ type: 'text', text: t }], ...(isError ? { isError } : {}) });
const fn = (name: string, extra: Json = {}) => ({ kind: 'function' as const, name, parameters: { type: 'object', properties: { cmd: { type: 'string' } } }, ...extra });

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Every Converse rule a request must satisfy (wire-contract §6.3), checked on an encoded body. */
function assertConverseRules(body: Json, label: string): void {
  const msgs = body.messages as Json[];
  assert.ok(msgs.length > 0, `${label}: messages`);
  assert.equal(msgs[0].role, 'user', `${label}: starts with user`);
  msgs.forEach((m, i) => {
    if (i > 0) assert.notEqual(m.role, msgs[i - 1].role, `${label}: roles alternate at ${i}`);
    assert.ok(m.content.length > 0, `${label}: message ${i} has content`);
    for (const b of m.content as Json[]) {
      assert.equal(Object.keys(b).length, 1, `${label}: one union member per block`);
      if ('text' in b) assert.notEqual(b.text.trim(), '', `${label}: blank text in message ${i}`);
      if (b.toolUse) {
        assert.match(b.toolUse.name, NAME, `${label}: tool name`);
        assert.ok(b.toolUse.input && typeof b.toolUse.input === 'object' && !Array.isArray(b.toolUse.input), `${label}: input object`);
        assert.match(b.toolUse.toolUseId, NAME);
      }
      if (b.toolResult) {
        assert.ok(b.toolResult.content.length > 0);
        for (const c of b.toolResult.content) if ('text' in c) assert.notEqual(c.text.trim(), '');
      }
    }
    // every toolUse is answered in the next (user) message
    const uses = (m.content as Json[]).filter((b) => b.toolUse).map((b) => b.toolUse.toolUseId);
    if (uses.length > 0) {
      const answered = ((msgs[i + 1]?.content ?? []) as Json[]).filter((b) => b.toolResult).map((b) => b.toolResult.toolUseId);
      assert.deepEqual([...answered].sort(), [...uses].sort(), `${label}: results for message ${i}`);
    }
  });
  const hasToolHistory = msgs.some((m) => (m.content as Json[]).some((b) => b.toolUse || b.toolResult));
  if (hasToolHistory) assert.ok(body.toolConfig?.tools?.length > 0, `${label}: toolConfig with tool history`);
  for (const t of body.toolConfig?.tools ?? []) if (t.toolSpec) assert.match(t.toolSpec.name, NAME);
  for (const s of body.system ?? []) if ('text' in s) assert.notEqual(s.text.trim(), '');
  assert.ok(Number.isInteger(body.inferenceConfig?.maxTokens) && body.inferenceConfig.maxTokens > 0, `${label}: maxTokens`);
  const json = JSON.stringify(body);
  assert.doesNotMatch(json, /anthropic[_-]beta/, `${label}: no betas`);
  assert.ok((json.match(/"cachePoint"/g) ?? []).length <= 4, `${label}: at most 4 cache points`);
  assert.equal(body.model, undefined, 'the model id travels in the URL');
}

test('every captured Codex and Claude Code request encodes to a valid Converse body', () => {
  const captured = [
    ...loadCaptured('codex-0.169.0').map((c) => ({ label: `codex/${c.name}`, req: decodeResponses(c.body) })),
    ...loadCaptured('claude-code-2.1.197').map((c) => ({ label: `claude/${c.name}`, req: decodeAnthropic(c.body) })),
  ];
  assert.ok(captured.length >= 10);
  for (const { label, req } of captured) {
    for (const model of [CLAUDE_SONNET_45, CLAUDE_35_V2, LLAMA]) {
      const limit = maxOutputTokensFor(model);
      const body = encode(req, model, { max: limit, def: Math.min(8192, limit) });
      assertConverseRules(body, `${label} → ${model}`);
      assert.ok(body.inferenceConfig.maxTokens <= limit, `${label}: maxTokens clamped to ${limit}`);
    }
  }
});

test('Codex compaction (tools: [] after tool calls) keeps toolConfig: the history tools are declared again', () => {
  const compaction = loadCaptured('codex-0.169.0').find((c) => c.name === 'compaction-request')!;
  const req = decodeResponses(compaction.body);
  assert.equal(req.tools.length, 0);
  const body = encode(req);
  const used = new Set((body.messages as Json[]).flatMap((m) => (m.content as Json[]).filter((b) => b.toolUse).map((b) => b.toolUse.name)));
  assert.ok(used.size > 0, 'the fixture has tool calls in its history');
  assert.deepEqual(new Set(body.toolConfig.tools.map((t: Json) => t.toolSpec.name)), used);
  for (const t of body.toolConfig.tools) assert.deepEqual(t.toolSpec.inputSchema, { json: { type: 'object' } });
  assert.equal(body.toolConfig.toolChoice, undefined);
});

test('blank text is dropped, same-role messages merge, and a conversation starting with the assistant gets a user placeholder', () => {
  const body = encode(
    irRequest({
      system: [text('You are helpful.') as never, text('   ') as never],
      messages: [assistant(text('Earlier answer')), user(text('a')), user(text(' '), text('b')), assistant(text('')), user(text('c'))],
    }),
  );
  assert.deepEqual(body.system, [{ text: 'You are helpful.' }]);
  assert.deepEqual(body.messages, [
    { role: 'user', content: [{ text: '(no content)' }] },
    { role: 'assistant', content: [{ text: 'Earlier answer' }] },
    { role: 'user', content: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] },
  ]);
});

test('tool calls: object input (JSON text, double-encoded, invalid, custom), results first in the next user message', () => {
  const req = irRequest({
    tools: [fn('exec_command'), { kind: 'custom', name: 'apply_patch', description: 'Patch files' }],
    messages: [
      user(text('go')),
      assistant(
        text('Running.'),
        call('call_1', 'exec_command', '{"cmd":"ls"}'),
        call('call_2', 'exec_command', '"{\\"cmd\\":\\"pwd\\"}"'),
        call('call_3', 'exec_command', 'not json'),
        { type: 'tool_call', id: 'call_4', name: 'apply_patch', toolKind: 'custom', arguments: '*** Begin Patch' },
      ),
      tool(result('call_1', 'a\nb'), result('call_2', '/tmp'), result('call_3', 'bad', true), result('call_4', 'Done')),
      user(text('thanks')),
    ],
  });
  const body = encode(req);
  assert.deepEqual(
    body.messages[1].content.slice(1).map((b: Json) => b.toolUse.input),
    [{ cmd: 'ls' }, { cmd: 'pwd' }, {}, { input: '*** Begin Patch' }],
  );
  const next = body.messages[2].content as Json[];
  assert.deepEqual(next.map((b) => Object.keys(b)[0]), ['toolResult', 'toolResult', 'toolResult', 'toolResult', 'text']);
  assert.deepEqual(next[2], { toolResult: { toolUseId: 'call_3', content: [{ text: 'bad' }], status: 'error' } });
  assert.deepEqual(body.toolConfig.tools[1].toolSpec.inputSchema.json.required, ['input']);
  assert.equal(body.toolConfig.tools[1].toolSpec.description, 'Patch files');

  // Families without `status` get the error in the text (wire-contract §6.3).
  const llama = encode(req, LLAMA);
  assert.deepEqual(llama.messages[2].content[2], { toolResult: { toolUseId: 'call_3', content: [{ text: 'Error: bad' }] } });
});

test('an interrupted call gets a synthetic result; a result without its call becomes user text', () => {
  const body = encode(
    irRequest({
      tools: [fn('Bash')],
      messages: [user(text('go')), assistant(call('toolu_1', 'Bash', '{}')), user(text('stop, do something else')), tool(result('toolu_gone', 'old output'))],
    }),
  );
  assertConverseRules(body, 'interrupted');
  assert.equal(body.messages[2].content[0].toolResult.toolUseId, 'toolu_1');
  assert.match(JSON.stringify(body.messages[2].content), /toolu_gone.*old output/);
});

test('long MCP names and namespaced tools share one wire name in toolSpec and toolUse; odd tool ids map stably', () => {
  const long = 'mcp__a_very_long_server_name_for_testing__and_an_even_longer_tool_name_that_goes_on';
  const req = irRequest({
    tools: [fn(long), fn('spawn', { namespace: 'multi_agent_v1' })],
    messages: [
      user(text('go')),
      assistant(call('fc.1/a', long, '{}'), call('call_2', 'spawn', '{}', { namespace: 'multi_agent_v1' } as never)),
      tool(result('fc.1/a', 'x'), result('call_2', 'y')),
    ],
  });
  const body = encode(req);
  assertConverseRules(body, 'names');
  const specNames = body.toolConfig.tools.map((t: Json) => t.toolSpec.name);
  const useNames = body.messages[1].content.map((b: Json) => b.toolUse.name);
  assert.deepEqual(useNames, specNames);
  assert.ok(specNames[0].length <= 64 && specNames[0] !== long);
  assert.equal(specNames[1], 'spawn');
  const id = body.messages[1].content[0].toolUse.toolUseId;
  assert.equal(body.messages[2].content[0].toolResult.toolUseId, id);
  assert.match(id, /^fc_1_a_[0-9a-f]{8}$/);
});

test('tool choice: required → any, a named tool → tool, none → no tools, auto left out', () => {
  const base = { tools: [fn('a'), fn('b')], messages: [user(text('x'))] };
  assert.deepEqual(encode(irRequest({ ...base, toolChoice: { type: 'required' } })).toolConfig.toolChoice, { any: {} });
  assert.deepEqual(encode(irRequest({ ...base, toolChoice: { type: 'tool', name: 'b' } })).toolConfig.toolChoice, { tool: { name: 'b' } });
  assert.equal(encode(irRequest({ ...base, toolChoice: { type: 'auto' } })).toolConfig.toolChoice, undefined);
  assert.equal(encode(irRequest({ ...base, toolChoice: { type: 'none' } })).toolConfig, undefined);
  assert.equal(encode(irRequest({ messages: [user(text('x'))] })).toolConfig, undefined);
});

test('maxTokens: the client value clamped to the model limit, else the adapter default, else 4096; sampling within Converse ranges', () => {
  const req = irRequest({ messages: [user(text('x'))], maxOutputTokens: 64_000, temperature: 1.7, topP: 0.9, topK: 40, stop: ['END', '  ', '\n'] });
  const body = encode(req, CLAUDE_35_V2, { max: 8192, def: 8192 });
  assert.deepEqual(body.inferenceConfig, { maxTokens: 8192, temperature: 1, topP: 0.9, stopSequences: ['END'] });
  assert.deepEqual(body.additionalModelRequestFields, { top_k: 40 });
  assert.equal(encode(irRequest({ messages: [user(text('x'))] }), LLAMA, { max: 2048, def: 2048 }).inferenceConfig.maxTokens, 2048);
  assert.equal(encode(irRequest({ messages: [user(text('x'))] }), LLAMA).inferenceConfig.maxTokens, 4096);
  assert.equal(encode(irRequest({ messages: [user(text('x'))], topK: 5 }), LLAMA).additionalModelRequestFields, undefined, 'top_k is Claude-only');
});

test('thinking: Claude 3.7+ gets additionalModelRequestFields.thinking under Claude rules; other models never', () => {
  const req = irRequest({ messages: [user(text('x'))], reasoning: { effort: 'high' }, temperature: 0.2, topP: 0.5 });
  const body = encode(req, CLAUDE_SONNET_45, { max: 64_000, def: 8192 });
  assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 16384 } });
  assert.ok(body.inferenceConfig.maxTokens > 16384, 'maxTokens above the budget');
  assert.equal(body.inferenceConfig.temperature, undefined, 'no temperature with thinking');
  assert.equal(body.inferenceConfig.topP, undefined, 'topP below 0.95 is dropped with thinking');

  assert.equal(encode(req, CLAUDE_35_V2, { max: 8192 }).additionalModelRequestFields, undefined, 'Claude 3.5 has no thinking');
  assert.equal(encode(req, LLAMA).additionalModelRequestFields, undefined);
  const forced = irRequest({ ...req, tools: [fn('a')], toolChoice: { type: 'required' } });
  assert.equal(encode(forced, CLAUDE_SONNET_45, { max: 64_000 }).additionalModelRequestFields, undefined, 'no thinking with a forced tool');
});

test('a tool loop keeps thinking only when the last assistant turn starts with signed reasoning, which goes back byte-exact', () => {
  const loop = (reasoning: IrPart[]) =>
    irRequest({
      tools: [fn('Bash')],
      reasoning: { enabled: true, budgetTokens: 2048 },
      messages: [user(text('go')), assistant(...reasoning, call('t1', 'Bash', '{}')), tool(result('t1', 'ok'))],
    });
  const signed: IrPart = { type: 'reasoning', text: 'plan', signature: 'SIG==', provider: 'bedrock' };
  const body = encode(loop([signed]), CLAUDE_SONNET_45, { max: 64_000, def: 8192 });
  assert.deepEqual(body.messages[1].content[0], { reasoningContent: { reasoningText: { text: 'plan', signature: 'SIG==' } } });
  assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });

  const echoed: IrPart = { type: 'reasoning', text: 'plan', signature: 'SIG==', provider: 'anthropic' };
  assert.ok(encode(loop([echoed])).messages[1].content[0].reasoningContent, 'Claude Code echoes Bedrock reasoning as Anthropic thinking');
  const redacted: IrPart = { type: 'reasoning', text: '', redactedData: 'UkVEQUNURUQ=', provider: 'bedrock' };
  assert.deepEqual(encode(loop([redacted])).messages[1].content[0], { reasoningContent: { redactedContent: 'UkVEQUNURUQ=' } });

  const foreign: IrPart = { type: 'reasoning', text: 'deepseek thoughts', provider: 'deepseek' };
  const without = encode(loop([foreign]), CLAUDE_SONNET_45, { max: 64_000 });
  assert.ok(without.messages[1].content[0].toolUse, 'unsigned reasoning is dropped');
  assert.equal(without.additionalModelRequestFields, undefined, 'and thinking is off for this turn');
  assert.ok(encode(loop([signed]), LLAMA).messages[1].content[0].toolUse, 'no reasoning blocks toward other families');
});

test('cache_control markers become cachePoint blocks (tools, system, messages) for models with prompt caching, at most four', () => {
  const cc = { type: 'ephemeral' };
  const req = irRequest({
    tools: [fn('Bash', { cacheControl: cc })],
    system: [text('sys 1', cc) as never, text('sys 2', cc) as never],
    messages: [user(text('one', cc)), assistant(text('two')), user(text('three', cc), text('four'))],
  });
  const body = encode(req);
  assert.deepEqual(body.toolConfig.tools[1], { cachePoint: { type: 'default' } });
  assert.deepEqual(body.system, [{ text: 'sys 1' }, { cachePoint: { type: 'default' } }, { text: 'sys 2' }, { cachePoint: { type: 'default' } }]);
  assert.deepEqual(body.messages[0].content, [{ text: 'one' }, { cachePoint: { type: 'default' } }]);
  assert.deepEqual(body.messages[2].content, [{ text: 'three' }, { text: 'four' }], 'the fifth marker is over the limit');
  for (const model of [CLAUDE_35_V2, LLAMA]) assert.doesNotMatch(JSON.stringify(encode(req, model)), /cachePoint/);
});

test('images, documents and mid-conversation system messages', () => {
  const png = { type: 'image' as const, source: { kind: 'base64' as const, mediaType: 'image/png', data: 'iVBORw0KGgo=' } };
  const body = encode(
    irRequest({
      messages: [
        user(
          text('look'),
          png,
          { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/bmp', data: 'Qk0=' } },
          { type: 'document', mediaType: 'application/pdf', data: 'JVBERi0=', title: 'report.v2.pdf' },
          { type: 'document', mediaType: 'application/pdf', data: 'JVBERi0=', title: 'report.v2.pdf' },
          { type: 'document', mediaType: 'text/plain', text: 'notes', title: 'notes.txt' },
        ),
        { role: 'system', parts: [text('Remember the rules.')] },
      ],
    }),
  );
  const c = body.messages[0].content as Json[];
  assert.deepEqual(c[1], { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } });
  assert.deepEqual(c[2], { text: '[image: https://example.com/a.png]' });
  assert.match(c[3].text, /unsupported format/);
  assert.deepEqual(c[4], { document: { format: 'pdf', name: 'report v2', source: { bytes: 'JVBERi0=' } } });
  assert.equal(c[5].document.name, 'report v2 (2)');
  assert.match(c[6].text, /notes/);
  assert.deepEqual(c[7], { text: '<system-reminder>\nRemember the rules.\n</system-reminder>' });
  assert.equal(body.messages.length, 1);
});

test('a final assistant prefill loses trailing whitespace; a JSON response format becomes a system instruction', () => {
  const body = encode(
    irRequest({
      messages: [user(text('Give JSON')), assistant(text('{"a": '))],
      responseFormat: { type: 'json_schema', name: 'thing', schema: { type: 'object' } },
    }),
  );
  assert.deepEqual(body.messages[1], { role: 'assistant', content: [{ text: '{"a":' }] });
  assert.match(body.system[0].text, /JSON Schema \(thing\):\n\{"type":"object"\}/);
});

test('names used only in history are registered in the request ToolNameMap, so restored calls keep them', () => {
  const req = irRequest({ messages: [user(text('x')), assistant(call('c1', 'old.tool', '{}')), tool(result('c1', 'r'))] });
  const names = ToolNameMap.forRequest(req);
  const body = codec.encodeRequest(req, { model: CLAUDE_SONNET_45, toolNames: names, stream: true }) as Json;
  const wire = body.toolConfig.tools[0].toolSpec.name;
  assert.equal(body.messages[1].content[0].toolUse.name, wire);
  const restored = names.resolve(wire);
  assert.deepEqual([restored.name, restored.toolKind], ['old.tool', 'function']);
  assert.notEqual(wire, 'old.tool', 'the dot is not legal on the wire');
});
