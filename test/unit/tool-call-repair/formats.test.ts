/**
 * Tool calls written as text, in every format weak local models use, become real calls —
 * whatever way the upstream happened to split the text into stream deltas. Text that only
 * mentions JSON, or names a tool that was not declared, or has arguments its schema
 * rejects, comes out exactly as the model wrote it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fold, repair, splits, textEvents } from './helpers.js';

const LS = { cmd: 'ls -la' };

/** [format, text the model wrote, expected calls as {name, args}] */
const CALLS: Array<[string, string, Array<{ name: string; args: unknown; namespace?: string; toolKind?: string }>]> = [
  ['bare JSON {name, arguments}', '{"name": "exec_command", "arguments": {"cmd": "ls -la"}}', [{ name: 'exec_command', args: LS }]],
  ['bare JSON {name, parameters} (Llama)', '{"name":"exec_command","parameters":{"cmd":"ls -la"}}', [{ name: 'exec_command', args: LS }]],
  ['JSON in a ```json fence', '```json\n{"name": "exec_command", "arguments": {"cmd": "ls -la"}}\n```', [{ name: 'exec_command', args: LS }]],
  ['JSON in a bare ``` fence', '```\n{"name": "exec_command", "arguments": {"cmd": "ls -la"}}\n```\n', [{ name: 'exec_command', args: LS }]],
  ['<tool_call> (Qwen, Hermes)', '<tool_call>\n{"name": "exec_command", "arguments": {"cmd": "ls -la"}}\n</tool_call>', [{ name: 'exec_command', args: LS }]],
  ['<function=name>{json}</function> (Llama 3.x)', '<function=exec_command>{"cmd": "ls -la"}</function>', [{ name: 'exec_command', args: LS }]],
  ['<function=name><parameter=…> (Qwen3-Coder)', '<function=exec_command>\n<parameter=cmd>\nls -la\n</parameter>\n</function>', [{ name: 'exec_command', args: LS }]],
  [
    '<tool_call><function=…><parameter=…> with typed values',
    '<tool_call>\n<function=exec_command>\n<parameter=cmd>\nls -la\n</parameter>\n<parameter=timeout_ms>\n5000\n</parameter>\n<parameter=login>\nfalse\n</parameter>\n</function>\n</tool_call>',
    [{ name: 'exec_command', args: { cmd: 'ls -la', timeout_ms: 5000, login: false } }],
  ],
  ['[TOOL_CALLS] (Mistral)', '[TOOL_CALLS][{"name": "exec_command", "arguments": {"cmd": "ls -la"}}]', [{ name: 'exec_command', args: LS }]],
  ['<|python_tag|> (Llama 3.1)', '<|python_tag|>{"name": "exec_command", "parameters": {"cmd": "ls -la"}}', [{ name: 'exec_command', args: LS }]],
  ['almost-JSON repaired', "{'name': 'exec_command', 'arguments': {'cmd': 'ls -la',},}", [{ name: 'exec_command', args: LS }]],
  ['OpenAI shape, arguments as a string', '{"type":"function","function":{"name":"exec_command","arguments":"{\\"cmd\\":\\"ls -la\\"}"}}', [{ name: 'exec_command', args: LS }]],
  ['unterminated <tool_call> (stopped on the stop word)', '<tool_call>\n{"name": "exec_command", "arguments": {"cmd": "ls -la"}}', [{ name: 'exec_command', args: LS }]],
  ['string number coerced by the schema', '{"name": "exec_command", "arguments": {"cmd": "ls", "timeout_ms": "250"}}', [{ name: 'exec_command', args: { cmd: 'ls', timeout_ms: 250 } }]],
  ['no-argument tool', '{"name": "get_goal"}', [{ name: 'get_goal', args: {} }]],
  [
    'two calls in two tags',
    '<tool_call>{"name": "exec_command", "arguments": {"cmd": "ls"}}</tool_call>\n<tool_call>{"name": "get_goal", "arguments": {}}</tool_call>',
    [{ name: 'exec_command', args: { cmd: 'ls' } }, { name: 'get_goal', args: {} }],
  ],
  ['namespaced tool', '{"name": "close_agent", "arguments": {"target": "a1"}}', [{ name: 'close_agent', namespace: 'multi_agent_v1', args: { target: 'a1' } }]],
  [
    'custom (free-form) tool gets its raw input',
    '{"name": "apply_patch", "arguments": {"input": "*** Begin Patch\\n*** Add File: a.txt\\n+hi\\n*** End Patch"}}',
    [{ name: 'apply_patch', toolKind: 'custom', args: '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch' }],
  ],
];

describe('text tool calls become real calls at every split position', () => {
  for (const [format, text, expected] of CALLS) {
    test(format, async () => {
      for (const chunks of splits(text)) {
        const seen = fold(await repair(textEvents(chunks)));
        const where = JSON.stringify(chunks);
        assert.equal(seen.text, '', `no text left for ${where}`);
        assert.equal(seen.reason, 'tool_calls', where);
        assert.equal(seen.calls.length, expected.length, where);
        seen.calls.forEach((call, i) => {
          const want = expected[i];
          assert.equal(call.name, want.name, where);
          assert.equal(call.namespace, want.namespace, where);
          assert.equal(call.toolKind, want.toolKind ?? 'function', where);
          assert.match(call.id, /^call_[0-9a-f]+$/);
          if (call.toolKind === 'custom') assert.equal(call.arguments, want.args, where);
          else assert.deepEqual(JSON.parse(call.arguments), want.args, where);
        });
      }
    });
  }

  test('a preamble stays text, the call after it is made', async () => {
    const text = "I'll list the files.\n<tool_call>\n{\"name\": \"exec_command\", \"arguments\": {\"cmd\": \"ls -la\"}}\n</tool_call>";
    for (const chunks of splits(text)) {
      const seen = fold(await repair(textEvents(chunks)));
      assert.equal(seen.text, "I'll list the files.\n");
      assert.deepEqual(seen.calls.map((c) => JSON.parse(c.arguments)), [LS]);
      assert.equal(seen.reason, 'tool_calls');
    }
  });
});

/** Texts that must reach the client exactly as written. */
const TEXTS: Array<[string, string]> = [
  ['JSON mentioned mid-sentence', 'Call it like {"name": "exec_command", "arguments": {"cmd": "ls"}} and you are done.'],
  ['a call followed by more prose', '{"name": "exec_command", "arguments": {"cmd": "ls"}}\nThat is how I would call it.'],
  ['an undeclared tool', '{"name": "rm_everything", "arguments": {"path": "/"}}'],
  ['arguments the schema rejects', '{"name": "exec_command", "arguments": {"command": "ls"}}'],
  ['a JSON answer', '{"compilerOptions": {"strict": true, "module": "NodeNext"}}'],
  ['an object that merely has a name', '{"name": "exec_command", "owner": "codex"}'],
  ['a bash fence', '```bash\nls -la\n```'],
  ['a json fence holding data', '```json\n{"cmd": "ls"}\n```'],
  ['HTML', '<div>hello</div> <b>world</b>'],
  ['the tag explained inline', 'Qwen writes <tool_call> tags; I do not.'],
  ['a markdown reference', '[1] see the docs\n[link](http://x)'],
  ['a comparison', 'if a < b and b > c then {ok}'],
];

describe('text that is not a tool call stays text', () => {
  for (const [what, text] of TEXTS) {
    test(what, async () => {
      for (const chunks of splits(text)) {
        const seen = fold(await repair(textEvents(chunks)));
        assert.equal(seen.text, text, JSON.stringify(chunks));
        assert.deepEqual(seen.calls, []);
        assert.equal(seen.reason, 'stop');
      }
    });
  }

  test('a valid call cut off by the output limit stays text (a truncated command must not run)', async () => {
    const text = '{"name": "exec_command", "arguments": {"cmd": "rm -rf build"}}';
    const seen = fold(await repair(textEvents([text], 'length')));
    assert.equal(seen.text, text);
    assert.equal(seen.reason, 'length');
  });

  test('without declared tools nothing is repaired', async () => {
    const text = '{"name": "exec_command", "arguments": {"cmd": "ls"}}';
    const seen = fold(await repair(textEvents([text]), []));
    assert.equal(seen.text, text);
  });
});
