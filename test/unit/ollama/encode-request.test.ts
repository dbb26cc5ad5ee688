import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaCodec } from '../../../src/dialects/ollama/index.js';
import { INTERRUPTED_RESULT_TEXT } from '../../../src/dialects/shared/repair-tool-pairing.js';
import type { EgressContext } from '../../../src/dialects/types.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrRequest } from '../../../src/ir/types.js';
import { codexBody, codexIr, irRequest } from '../openai-chat/support.js';

type Msg = Record<string, any>;

function encode(req: IrRequest, over: Partial<EgressContext> = {}): Record<string, any> {
  return ollamaCodec.encodeRequest(req, { model: 'qwen3:8b', toolNames: ToolNameMap.forRequest(req), stream: true, ...over });
}

test('encodeRequest (Codex reasoning turn): one system message, object arguments, tool_name on results, think', () => {
  const req = codexIr('reasoning-turn2');
  const body = encode(req);
  const messages = body.messages as Msg[];
  assert.equal(body.model, 'qwen3:8b');
  assert.equal(body.stream, true);
  assert.equal(body.think, true, 'reasoning.effort set → think');
  assert.deepEqual(body.options, {});
  assert.equal('tool_choice' in body, false);
  assert.equal('parallel_tool_calls' in body, false);
  assert.equal(messages.filter((m) => m.role === 'system').length, 1);
  assert.equal(messages[0].role, 'system');

  const tail = messages.slice(-3);
  assert.deepEqual(tail[0], {
    role: 'assistant',
    content: '',
    thinking: 'raw thinking text',
    tool_calls: [
      { function: { name: 'exec_command', arguments: { cmd: 'echo hi' } } },
      { function: { name: 'exec_command', arguments: { cmd: 'echo second' } } },
    ],
  });
  const outputs = (codexBody('reasoning-turn2').input as Msg[]).filter((i) => i.type === 'function_call_output').map((i) => i.output);
  assert.deepEqual(tail.slice(1), [
    { role: 'tool', content: outputs[0], tool_name: 'exec_command' },
    { role: 'tool', content: outputs[1], tool_name: 'exec_command' },
  ]);

  const tools = body.tools as Msg[];
  assert.equal(tools.length, 8, 'tool_search and web_search dropped');
  for (const t of tools) {
    assert.equal(t.type, 'function');
    assert.equal('strict' in t.function, false);
  }
});

test('encodeRequest (Codex custom tool turn): custom call arguments are {input: raw}', () => {
  const body = encode(codexIr('custom-tool-turn2'));
  const assistant = (body.messages as Msg[]).find((m) => m.tool_calls)!;
  assert.deepEqual(assistant.tool_calls, [
    { function: { name: 'apply_patch', arguments: { input: '*** Begin Patch\n*** Add File: hello.txt\n+hello world\n*** End Patch' } } },
  ]);
  assert.equal((body.messages as Msg[]).at(-1)!.tool_name, 'apply_patch');
  const applyPatch = (body.tools as Msg[]).find((t) => t.function.name === 'apply_patch')!;
  assert.deepEqual(applyPatch.function.parameters.required, ['input']);
});

test('encodeRequest (Codex namespace turn): flattened name used in the call and in tool_name', () => {
  const req = codexIr('namespace-tool-turn2');
  req.tools.push({ kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1', parameters: { type: 'object' } });
  req.tools.push({ kind: 'function', name: 'close_agent', namespace: 'other', parameters: { type: 'object' } });
  const messages = encode(req).messages as Msg[];
  const assistant = messages.find((m) => m.tool_calls)!;
  assert.equal(assistant.tool_calls[0].function.name, 'multi_agent_v1__close_agent');
  assert.deepEqual(assistant.tool_calls[0].function.arguments, { target: 'nonexistent-agent' });
  assert.equal(messages.at(-1)!.tool_name, 'multi_agent_v1__close_agent');
});

test('encodeRequest (Codex compaction request): no tools', () => {
  const body = encode(codexIr('compaction-request'));
  assert.equal('tools' in body, false);
});

test('encodeRequest: images as bare base64, URL images noted, tool-result images, orphans, errors', () => {
  const req = irRequest({
    system: [{ type: 'text', text: 'Sys.' }],
    messages: [
      { role: 'user', parts: [
        { type: 'text', text: 'What is this?' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { kind: 'url', url: 'https://x.test/a.jpg' } },
      ] },
      { role: 'system', parts: [{ type: 'text', text: 'Late.' }] },
      { role: 'assistant', parts: [
        { type: 'reasoning', text: 'look closer', provider: 'anthropic', signature: 'S' },
        { type: 'tool_call', id: 'c1', name: 'screenshot', toolKind: 'function', arguments: 'not json' },
        { type: 'tool_call', id: 'c2', name: 'Bash', toolKind: 'function', arguments: '{"command":"ls"}' },
      ] },
      { role: 'tool', parts: [
        { type: 'tool_result', callId: 'c1', isError: true, content: [
          { type: 'text', text: 'blurry' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AA=' } },
        ] },
        { type: 'tool_result', callId: 'old', content: [{ type: 'text', text: 'stale' }] },
      ] },
    ],
    toolChoice: { type: 'none' },
    tools: [{ kind: 'function', name: 'Bash', parameters: { type: 'object' }, strict: true }],
    maxOutputTokens: 64000,
    temperature: 0.1,
    topP: 0.95,
    topK: 20,
    stop: ['</s>'],
    reasoning: { enabled: false },
    responseFormat: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } },
  });
  const body = encode(req, { maxOutputTokensLimit: 16384 });
  assert.equal('tools' in body, false, 'tool choice none → no tools');
  assert.equal(body.think, false);
  assert.deepEqual(body.format, { type: 'object', properties: { a: { type: 'string' } } });
  assert.deepEqual(body.options, { num_predict: 16384, temperature: 0.1, top_p: 0.95, top_k: 20, stop: ['</s>'] });
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'Sys.\n\nLate.' },
    { role: 'user', content: 'What is this?\n[image at https://x.test/a.jpg not sent: this model takes only inline images]', images: ['iVBORw0KGgo='] },
    { role: 'assistant', content: '', thinking: 'look closer', tool_calls: [
      { function: { name: 'screenshot', arguments: {} } },
      { function: { name: 'Bash', arguments: { command: 'ls' } } },
    ] },
    { role: 'tool', content: 'Error: blurry', tool_name: 'screenshot' },
    { role: 'tool', content: INTERRUPTED_RESULT_TEXT, tool_name: 'Bash' },
    { role: 'user', content: 'Images returned by tool call c1:', images: ['/9j/4AA='] },
    { role: 'user', content: 'Tool result (call old): stale' },
  ]);
});

test('encodeRequest: think, format and tools variants', () => {
  const tool = { kind: 'function' as const, name: 'f', description: 'd', parameters: { $schema: 'x', type: 'object' }, strict: true };
  assert.equal('think' in encode(irRequest()), false);
  assert.equal(encode(irRequest({ reasoning: { enabled: true } })).think, true);
  assert.equal(encode(irRequest({ responseFormat: { type: 'json_object' } })).format, 'json');
  assert.equal('format' in encode(irRequest({ responseFormat: { type: 'text' } })), false);
  assert.deepEqual(encode(irRequest({ tools: [tool], toolChoice: { type: 'required' } })).tools, [
    { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' } } },
  ]);
  assert.deepEqual(encode(irRequest(), { defaultMaxOutputTokens: 2048 }).options, { num_predict: 2048 });
});
