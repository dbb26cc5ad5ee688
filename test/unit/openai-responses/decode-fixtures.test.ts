/**
 * Decodes every captured Codex 0.169.0 request (wire-contract §2.1) and checks the IR
 * structure that matters for each: grouping of calls and results, namespaces, custom tools,
 * reasoning and leading developer messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { decodeRequest } from '../../../src/dialects/openai-responses/index.js';
import type { IrMessage, IrToolCallPart, IrToolResultPart } from '../../../src/ir/types.js';
import { FIXTURE_DIR, loadFixture } from './helpers.js';

type Item = Record<string, any>;

function items(name: string): Item[] {
  return loadFixture(name).input as Item[];
}

/** Messages after the leading user messages Codex always sends. */
function conversationTail(messages: IrMessage[]): IrMessage[] {
  const first = messages.findIndex((m) => m.role !== 'user');
  return first === -1 ? [] : messages.slice(first);
}

test('every Codex fixture decodes without throwing', () => {
  const files = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.http'));
  assert.ok(files.length >= 7);
  for (const f of files) {
    const body = loadFixture(f);
    const req = decodeRequest(body);
    assert.equal(req.model, 'gpt-5.5', f);
    assert.equal(req.stream, true, f);
    // Codex's base prompt and skills are developer messages before the first user message.
    assert.ok(req.system.length >= 2, f);
    assert.ok(req.system[0].text.startsWith('You are Codex'), f);
    assert.ok(!req.messages.some((m) => m.role === 'system'), f);
    const ext = req.extensions['openai-responses']!;
    assert.equal(ext.store, false, f);
    assert.deepEqual(ext.include, ['reasoning.encrypted_content'], f);
    assert.equal(typeof ext.prompt_cache_key, 'string', f);
    assert.ok(ext.client_metadata, f);
    assert.deepEqual(ext.text, { verbosity: 'low' }, f);
    assert.deepEqual(req.reasoning, { enabled: true, effort: 'medium' }, f);
    assert.deepEqual(req.toolChoice, { type: 'auto' }, f);
  }
});

test('basic-turn1: developer messages become system parts; tools decoded by kind', () => {
  const body = loadFixture('basic-turn1.http');
  const req = decodeRequest(body);
  const developerParts = (body.input as Item[])
    .filter((i) => i.role === 'developer')
    .flatMap((i) => i.content as Item[]);
  assert.equal(req.system.length, developerParts.length);
  assert.deepEqual(
    req.system.map((p) => p.text),
    developerParts.map((p) => p.text),
  );
  assert.deepEqual(
    req.messages.map((m) => m.role),
    ['user', 'user'],
  );
  assert.deepEqual(req.messages[1].parts, [{ type: 'text', text: 'say hi' }]);

  assert.deepEqual(
    req.tools.map((t) => `${t.kind}:${t.kind === 'hosted' ? t.type : t.name}`),
    [
      'function:exec_command',
      'function:write_stdin',
      'function:request_user_input',
      'custom:apply_patch',
      'function:view_image',
      'function:get_goal',
      'function:create_goal',
      'function:update_goal',
      'hosted:tool_search',
      'hosted:web_search',
    ],
  );
  const exec = req.tools[0];
  assert.equal(exec.kind, 'function');
  if (exec.kind === 'function') {
    assert.equal(exec.strict, false);
    assert.equal((exec.parameters as Item).type, 'object');
    assert.ok(exec.description?.startsWith('Runs a command'));
  }
  const patch = req.tools[3];
  assert.equal(patch.kind, 'custom');
  if (patch.kind === 'custom') assert.equal((patch.format as Item).syntax, 'lark');
  const web = req.tools[9];
  assert.equal(web.kind, 'hosted');
  if (web.kind === 'hosted') {
    assert.equal(web.dialect, 'openai-responses');
    assert.deepEqual(web.value, (body.tools as Item[])[9]);
  }
  assert.equal(req.parallelToolCalls, true);
  assert.deepEqual(req.extensions['openai-responses']!.tools, body.tools);
});

test('tool-turn2: one assistant message with the call, then one tool message with its output', () => {
  const src = items('tool-turn2.http');
  const call = src.find((i) => i.type === 'function_call')!;
  const output = src.find((i) => i.type === 'function_call_output')!;
  const tail = conversationTail(decodeRequest(loadFixture('tool-turn2.http')).messages);
  assert.equal(tail.length, 2);
  assert.equal(tail[0].role, 'assistant');
  assert.deepEqual(tail[0].parts, [
    { type: 'tool_call', id: 'call_1', name: 'exec_command', toolKind: 'function', arguments: call.arguments },
  ]);
  assert.equal(tail[1].role, 'tool');
  assert.deepEqual(tail[1].parts, [
    {
      type: 'tool_result',
      callId: 'call_1',
      name: 'exec_command',
      toolKind: 'function',
      content: [{ type: 'text', text: output.output }],
    },
  ]);
});

test('namespace-tool-turn2: the call keeps its namespace and bare name', () => {
  const tail = conversationTail(decodeRequest(loadFixture('namespace-tool-turn2.http')).messages);
  assert.deepEqual(
    tail.map((m) => m.role),
    ['assistant', 'tool'],
  );
  const call = tail[0].parts[0] as IrToolCallPart;
  assert.equal(call.name, 'close_agent');
  assert.equal(call.namespace, 'multi_agent_v1');
  assert.equal(call.id, 'call_ns');
  assert.equal(call.arguments, '{"target": "nonexistent-agent"}');
  const result = tail[1].parts[0] as IrToolResultPart;
  assert.equal(result.callId, 'call_ns');
  assert.equal(result.name, 'close_agent');
});

test('custom-tool-turn2: custom call with the raw patch, custom result', () => {
  const src = items('custom-tool-turn2.http');
  const call = src.find((i) => i.type === 'custom_tool_call')!;
  const output = src.find((i) => i.type === 'custom_tool_call_output')!;
  const tail = conversationTail(decodeRequest(loadFixture('custom-tool-turn2.http')).messages);
  assert.equal(tail.length, 2);
  assert.deepEqual(tail[0].parts, [
    { type: 'tool_call', id: 'call_c1', name: 'apply_patch', toolKind: 'custom', arguments: call.input },
  ]);
  assert.ok((tail[0].parts[0] as IrToolCallPart).arguments.startsWith('*** Begin Patch\n'));
  const result = tail[1].parts[0] as IrToolResultPart;
  assert.equal(result.toolKind, 'custom');
  assert.equal(result.name, 'apply_patch');
  assert.deepEqual(result.content, [{ type: 'text', text: output.output }]);
});

test('reasoning-turn2: reasoning and two calls in ONE assistant message, then ONE tool message in order', () => {
  const src = items('reasoning-turn2.http');
  const outputs = src.filter((i) => i.type === 'function_call_output');
  const tail = conversationTail(decodeRequest(loadFixture('reasoning-turn2.http')).messages);
  assert.deepEqual(
    tail.map((m) => m.role),
    ['assistant', 'tool'],
  );
  assert.deepEqual(tail[0].parts, [
    {
      type: 'reasoning',
      text: 'raw thinking text',
      summary: '**Planning** I will run a command',
      encrypted: { dialect: 'openai-responses', value: 'ENC_REASONING_BLOB' },
    },
    { type: 'tool_call', id: 'call_r1', name: 'exec_command', toolKind: 'function', arguments: '{"cmd": "echo hi"}' },
    { type: 'tool_call', id: 'call_r2', name: 'exec_command', toolKind: 'function', arguments: '{"cmd": "echo second"}' },
  ]);
  const results = tail[1].parts as IrToolResultPart[];
  assert.deepEqual(
    results.map((r) => r.callId),
    ['call_r1', 'call_r2'],
  );
  assert.deepEqual(
    results.map((r) => (r.content[0] as { text: string }).text),
    outputs.map((o) => o.output),
  );
});

test('compaction-request: tools [], assistant text + call grouped, compaction prompt last', () => {
  const req = decodeRequest(loadFixture('compaction-request.http'));
  assert.deepEqual(req.tools, []);
  assert.deepEqual(req.extensions['openai-responses']!.tools, []);
  assert.equal(req.parallelToolCalls, false);
  const tail = conversationTail(req.messages);
  assert.deepEqual(
    tail.map((m) => m.role),
    ['assistant', 'tool', 'user'],
  );
  assert.deepEqual(
    tail[0].parts.map((p) => p.type),
    ['text', 'tool_call'],
  );
  assert.deepEqual(tail[0].parts[0], { type: 'text', text: 'Let me check.' });
  const last = tail[2].parts[0];
  assert.ok(last.type === 'text' && last.text.startsWith('You are performing a CONTEXT CHECKPOINT COMPACTION'));
});

test('after-compaction: only user messages after the system parts, the summary last', () => {
  const req = decodeRequest(loadFixture('after-compaction.http'));
  assert.ok(req.messages.every((m) => m.role === 'user'));
  const last = req.messages[req.messages.length - 1].parts[0];
  assert.ok(last.type === 'text' && last.text.startsWith('Another language model started'));
  assert.equal(req.tools.length, 10);
});
