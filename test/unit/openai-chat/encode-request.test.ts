import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { INTERRUPTED_RESULT_TEXT } from '../../../src/dialects/shared/repair-tool-pairing.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrRequest } from '../../../src/ir/types.js';
import type { EgressContext } from '../../../src/dialects/types.js';
import { codexBody, codexIr, irRequest } from './support.js';

type Msg = Record<string, any>;

function encode(req: IrRequest, over: Partial<EgressContext> = {}): Record<string, any> {
  return openaiChatCodec.encodeRequest(req, { model: 'upstream-model', toolNames: ToolNameMap.forRequest(req), stream: true, ...over });
}

test('encodeRequest (Codex tool turn): one system message, call + tool message paired, tools translated', () => {
  const req = codexIr('tool-turn2');
  const body = encode(req);
  const messages = body.messages as Msg[];
  const input = codexBody('tool-turn2').input as Msg[];

  assert.equal(messages.filter((m) => m.role === 'system').length, 1);
  assert.equal(messages[0].role, 'system');
  const developerTexts = input.filter((i) => i.role === 'developer').flatMap((i) => i.content.map((c: Msg) => c.text));
  assert.equal(messages[0].content, developerTexts.join('\n\n'));

  assert.deepEqual(messages.slice(1).map((m) => m.role), ['user', 'user', 'assistant', 'tool']);
  assert.equal(typeof messages[1].content, 'string');
  assert.deepEqual(messages[3], {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'exec_command', arguments: '{"cmd": "echo proxied-tool-ok"}' } }],
  });
  assert.deepEqual(messages[4], { role: 'tool', tool_call_id: 'call_1', content: input.at(-1)!.output });

  const names = (body.tools as Msg[]).map((t) => t.function.name);
  assert.deepEqual(names, ['exec_command', 'write_stdin', 'request_user_input', 'apply_patch', 'view_image', 'get_goal', 'create_goal', 'update_goal']);
  for (const t of body.tools as Msg[]) {
    assert.equal(t.type, 'function');
    assert.equal('strict' in t.function, false, 'strict:false is not sent');
  }
  assert.equal(body.tool_choice, 'auto');
  assert.equal(body.parallel_tool_calls, true);
  assert.equal(body.reasoning_effort, 'medium');
  assert.equal(body.model, 'upstream-model');
  assert.equal(body.stream, true);
  assert.deepEqual(body.stream_options, { include_usage: true });
  assert.equal('max_tokens' in body, false);
  for (const key of ['store', 'include', 'prompt_cache_key', 'client_metadata', 'text']) assert.equal(key in body, false, key);
});

test('encodeRequest (Codex reasoning turn): two calls in one assistant message, results in call order, reasoning dropped', () => {
  const messages = encode(codexIr('reasoning-turn2')).messages as Msg[];
  const tail = messages.slice(-3);
  assert.equal(tail[0].role, 'assistant');
  assert.equal(tail[0].content, null);
  assert.equal('reasoning_content' in tail[0], false);
  assert.deepEqual(tail[0].tool_calls.map((c: Msg) => c.id), ['call_r1', 'call_r2']);
  assert.deepEqual(tail.slice(1).map((m) => [m.role, m.tool_call_id]), [['tool', 'call_r1'], ['tool', 'call_r2']]);
  assert.match(tail[2].content, /second/);
});

test('encodeRequest (Codex custom tool turn): custom tool wrapped as {input}, call arguments wrapped too', () => {
  const body = encode(codexIr('custom-tool-turn2'));
  const applyPatch = (body.tools as Msg[]).find((t) => t.function.name === 'apply_patch')!;
  assert.deepEqual(Object.keys(applyPatch.function.parameters), ['type', 'properties', 'required']);
  assert.deepEqual(applyPatch.function.parameters.required, ['input']);
  assert.equal(applyPatch.function.parameters.properties.input.type, 'string');
  assert.match(applyPatch.function.parameters.properties.input.description, /^Raw input for this freeform tool\. It must match this lark grammar:\nstart: begin_patch/);
  const call = (body.messages as Msg[]).find((m) => m.tool_calls)!.tool_calls[0];
  assert.equal(call.function.name, 'apply_patch');
  assert.deepEqual(JSON.parse(call.function.arguments), { input: '*** Begin Patch\n*** Add File: hello.txt\n+hello world\n*** End Patch' });
  assert.equal((body.messages as Msg[]).at(-1)!.tool_call_id, 'call_c1');
});

test('encodeRequest (Codex namespace turn): namespaced tool flattened, history call uses the same wire name', () => {
  const req = codexIr('namespace-tool-turn2');
  req.tools.push({ kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1', parameters: { type: 'object', properties: { target: { type: 'string' } } } });
  const body = encode(req);
  const call = (body.messages as Msg[]).find((m) => m.tool_calls)!.tool_calls[0];
  assert.equal(call.function.name, 'close_agent');
  assert.ok((body.tools as Msg[]).some((t) => t.function.name === 'close_agent'));

  // A second namespace with the same child name forces `ns__child` for both, consistently.
  req.tools.push({ kind: 'function', name: 'close_agent', namespace: 'other_ns', parameters: { type: 'object' } });
  const map = ToolNameMap.forRequest(req);
  const body2 = encode(req, { toolNames: map });
  const call2 = (body2.messages as Msg[]).find((m) => m.tool_calls)!.tool_calls[0];
  assert.equal(call2.function.name, 'multi_agent_v1__close_agent');
  const toolNames = (body2.tools as Msg[]).map((t) => t.function.name);
  assert.ok(toolNames.includes('multi_agent_v1__close_agent'));
  assert.ok(toolNames.includes('other_ns__close_agent'));
  assert.deepEqual(map.resolve('multi_agent_v1__close_agent'), { name: 'close_agent', namespace: 'multi_agent_v1', toolKind: 'function' });
});

test('encodeRequest (Codex compaction request): no tools → no tool_choice, no parallel_tool_calls', () => {
  const body = encode(codexIr('compaction-request'));
  assert.equal('tools' in body, false);
  assert.equal('tool_choice' in body, false);
  assert.equal('parallel_tool_calls' in body, false);
  const messages = body.messages as Msg[];
  const assistant = messages.find((m) => m.role === 'assistant')!;
  assert.equal(assistant.content, 'Let me check.');
  assert.equal(assistant.tool_calls[0].id, 'call_m1');
  assert.equal(messages[messages.indexOf(assistant) + 1].tool_call_id, 'call_m1');
  assert.match(messages.at(-1)!.content, /CONTEXT CHECKPOINT COMPACTION/);
});

test('encodeRequest: hosted tools only → no tools at all', () => {
  const body = encode(irRequest({ tools: [{ kind: 'hosted', dialect: 'openai-responses', type: 'web_search', value: {} }], toolChoice: { type: 'auto' }, parallelToolCalls: true }));
  assert.equal('tools' in body, false);
  assert.equal('tool_choice' in body, false);
  assert.equal('parallel_tool_calls' in body, false);
});

test('encodeRequest: orphan repair — interrupted call gets a result, result without call becomes user text', () => {
  const req = irRequest({
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', parts: [
        { type: 'tool_call', id: 'c1', name: 'Bash', toolKind: 'function', arguments: '{"command":"ls"}' },
        { type: 'tool_call', id: 'c2', name: 'Read', toolKind: 'function', arguments: '{"path":"a"}' },
      ] },
      { role: 'tool', parts: [
        { type: 'tool_result', callId: 'c2', content: [{ type: 'text', text: 'file a' }] },
        { type: 'tool_result', callId: 'zz', content: [{ type: 'text', text: 'stale' }] },
      ] },
      { role: 'user', parts: [{ type: 'text', text: 'next' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c3', name: 'Bash', toolKind: 'function', arguments: '{}' }] },
      { role: 'user', parts: [{ type: 'text', text: 'I interrupted you' }] },
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'c3', content: [{ type: 'text', text: 'late' }], isError: true }] },
    ],
  });
  const messages = encode(req).messages as Msg[];
  assert.deepEqual(messages, [
    { role: 'user', content: 'go' },
    { role: 'assistant', content: null, tool_calls: [
      { id: 'c1', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } },
      { id: 'c2', type: 'function', function: { name: 'Read', arguments: '{"path":"a"}' } },
    ] },
    { role: 'tool', tool_call_id: 'c1', content: INTERRUPTED_RESULT_TEXT },
    { role: 'tool', tool_call_id: 'c2', content: 'file a' },
    { role: 'user', content: 'Tool result (call zz): stale' },
    { role: 'user', content: 'next' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'c3', type: 'function', function: { name: 'Bash', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'c3', content: INTERRUPTED_RESULT_TEXT },
    { role: 'user', content: 'I interrupted you' },
    { role: 'user', content: 'Tool result (call c3): Error: late' },
  ]);
});

test('encodeRequest: images, documents, tool-result images, errors, late system, reasoning and opaque parts', () => {
  const req = irRequest({
    system: [{ type: 'text', text: 'You are helpful.' }],
    messages: [
      { role: 'user', parts: [
        { type: 'text', text: 'Look:' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'high' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
        { type: 'document', mediaType: 'application/pdf', data: 'JVBERi0=', title: 'spec.pdf' },
      ] },
      { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'assistant', parts: [
        { type: 'reasoning', text: 'ds thinking', provider: 'deepseek' },
        { type: 'reasoning', text: 'other thinking', provider: 'anthropic', signature: 'SIG' },
        { type: 'opaque', dialect: 'openai-responses', value: { type: 'web_search_call' } },
        { type: 'text', text: 'Taking a screenshot.' },
        { type: 'tool_call', id: 'c1', name: 'screenshot', toolKind: 'function', arguments: '{}' },
      ] },
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'c1', isError: true, content: [
        { type: 'text', text: 'partial' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AA=' } },
      ] }] },
      { role: 'assistant', parts: [{ type: 'text', text: '' }] },
      { role: 'user', parts: [{ type: 'text', text: 'thanks' }] },
    ],
  });
  const messages = encode(req).messages as Msg[];
  assert.deepEqual(messages, [
    { role: 'system', content: 'You are helpful.\n\nBe brief.' },
    { role: 'user', content: [
      { type: 'text', text: 'Look:' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' } },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
      { type: 'text', text: '[Document "spec.pdf" (application/pdf) attached: this model cannot read it]' },
    ] },
    { role: 'assistant', content: 'Taking a screenshot.', reasoning_content: 'ds thinking', tool_calls: [
      { id: 'c1', type: 'function', function: { name: 'screenshot', arguments: '{}' } },
    ] },
    { role: 'tool', tool_call_id: 'c1', content: 'Error: partial' },
    { role: 'user', content: [
      { type: 'text', text: 'Images returned by tool call c1:' },
      { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AA=' } },
    ] },
    { role: 'user', content: 'thanks' },
  ]);
});

test('encodeRequest: parameters, tool choice, strict, $schema, response format, long names', () => {
  const longName = `mcp__${'very_long_server_name_'.repeat(3)}__do_the_thing`;
  const req = irRequest({
    tools: [
      { kind: 'function', name: 'lookup', namespace: 'kb', strict: true, parameters: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { q: { type: 'string' } } } },
      { kind: 'function', name: longName, parameters: { type: 'object', properties: {} } },
    ],
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c9', name: longName, toolKind: 'function', arguments: '{}' }] },
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'c9', content: [{ type: 'text', text: 'ok' }] }] },
    ],
    toolChoice: { type: 'tool', name: 'lookup', namespace: 'kb' },
    parallelToolCalls: false,
    maxOutputTokens: 64000,
    temperature: 0.2,
    topP: 0.9,
    topK: 40,
    stop: ['END'],
    reasoning: { effort: 'xhigh' },
    responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
    user: 'u-1',
    extensions: { 'openai-chat': { include_usage: true, seed: 7 }, 'openai-responses': { store: true } },
  });
  const body = encode(req, { maxOutputTokensLimit: 16384 });
  const tools = body.tools as Msg[];
  assert.deepEqual(tools[0], { type: 'function', function: { name: 'lookup', strict: true, parameters: { type: 'object', properties: { q: { type: 'string' } } } } });
  const wire = tools[1].function.name as string;
  assert.match(wire, /^[a-zA-Z0-9_-]{1,64}$/);
  assert.equal((body.messages as Msg[])[1].tool_calls[0].function.name, wire);
  assert.deepEqual(body.tool_choice, { type: 'function', function: { name: 'lookup' } });
  assert.equal(body.parallel_tool_calls, false);
  assert.equal(body.max_tokens, 16384);
  assert.equal(body.temperature, 0.2);
  assert.equal(body.top_p, 0.9);
  assert.equal('top_k' in body, false);
  assert.deepEqual(body.stop, ['END']);
  assert.equal(body.reasoning_effort, 'high');
  assert.deepEqual(body.response_format, { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } });
  assert.equal(body.user, 'u-1');
  assert.equal(body.seed, 7);
  assert.equal('store' in body, false);
});

test('encodeRequest: effort mapping, default max tokens, none choice, json_object, no reasoning_effort without effort', () => {
  const tool = { kind: 'function' as const, name: 'f', parameters: { type: 'object' } };
  assert.equal(encode(irRequest({ reasoning: { effort: 'minimal' } })).reasoning_effort, 'low');
  assert.equal('reasoning_effort' in encode(irRequest({ reasoning: { enabled: true, budgetTokens: 1000 } })), false);
  assert.equal(encode(irRequest(), { defaultMaxOutputTokens: 4096, maxOutputTokensLimit: 2048 }).max_tokens, 2048);
  assert.equal(encode(irRequest({ maxOutputTokens: 100 }), { maxOutputTokensLimit: 2048 }).max_tokens, 100);
  assert.equal(encode(irRequest({ tools: [tool], toolChoice: { type: 'none' } })).tool_choice, 'none');
  assert.equal(encode(irRequest({ tools: [tool], toolChoice: { type: 'required' } })).tool_choice, 'required');
  assert.deepEqual(encode(irRequest({ responseFormat: { type: 'json_object' } })).response_format, { type: 'json_object' });
  assert.equal('response_format' in encode(irRequest({ responseFormat: { type: 'text' } })), false);
});
