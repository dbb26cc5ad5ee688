import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesCodec as codec } from '../../../src/dialects/anthropic-messages/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrReasoningPart, IrToolCallPart, IrToolResultPart } from '../../../src/ir/types.js';
import { claudeCodeBody } from './helpers.js';

const FIXTURES = ['basic', 'tool-turn2', 'thinking-turn2'] as const;

test('every Claude Code fixture decodes', () => {
  for (const name of FIXTURES) {
    const req = codec.decodeRequest(claudeCodeBody(name));
    assert.equal(req.model, 'claude-opus-4-8', name);
    assert.equal(req.stream, true, name);
    assert.ok(req.messages.length >= 2, name);
  }
});

test('basic: system, billing header, mid-conversation system, tools, reasoning', () => {
  const body = claudeCodeBody('basic');
  const req = codec.decodeRequest(body);
  // The billing header block is gone; the two real system blocks stay with their cache markers.
  assert.equal(req.system.length, 2);
  assert.ok(req.system.every((p) => !p.text.startsWith('x-anthropic-billing-header:')));
  assert.equal(req.system[0].text, "You are a Claude agent, built on Anthropic's Claude Agent SDK.");
  assert.deepEqual(req.system[0].cacheControl, { type: 'ephemeral' });
  assert.deepEqual(req.system[1].cacheControl, { type: 'ephemeral' });
  // messages: user, then the system message in place.
  assert.deepEqual(
    req.messages.map((m) => m.role),
    ['user', 'system'],
  );
  const user = req.messages[0];
  assert.equal(user.parts.length, 2);
  assert.deepEqual(user.parts[1], { type: 'text', text: 'say hi', cacheControl: { type: 'ephemeral' } });
  const sys = req.messages[1].parts[0];
  assert.equal(sys.type, 'text');
  assert.ok(sys.type === 'text' && sys.text.startsWith('Available agent types for the Agent tool:'));
  // tools
  assert.equal(req.tools.length, 24);
  assert.ok(req.tools.every((t) => t.kind === 'function'));
  const bash = req.tools.find((t) => t.kind === 'function' && t.name === 'Bash');
  assert.ok(bash && bash.kind === 'function' && (bash.parameters as { type?: string }).type === 'object');
  // settings
  assert.deepEqual(req.reasoning, { enabled: true, effort: 'high' });
  assert.equal(req.maxOutputTokens, 64000);
  assert.equal(req.user, (body.metadata as { user_id: string }).user_id);
  const ext = req.extensions['anthropic-messages']!;
  assert.deepEqual(ext.context_management, { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] });
  assert.deepEqual(ext.output_config, { effort: 'high' });
  assert.deepEqual(ext.thinking, { type: 'adaptive' });
  assert.deepEqual(ext.metadata, body.metadata);
});

test('tool-turn2: assistant text + tool_call, then a tool message', () => {
  const req = codec.decodeRequest(claudeCodeBody('tool-turn2'));
  assert.deepEqual(
    req.messages.map((m) => m.role),
    ['user', 'system', 'assistant', 'tool'],
  );
  const [text, call] = req.messages[2].parts;
  assert.deepEqual(text, { type: 'text', text: 'I will run a command.' });
  assert.deepEqual(call, {
    type: 'tool_call',
    id: 'toolu_01ABC',
    name: 'Bash',
    toolKind: 'function',
    arguments: JSON.stringify({ command: 'echo cc-tool-ok', description: 'Echo test' }),
  } satisfies IrToolCallPart);
  assert.deepEqual(req.messages[3].parts, [
    {
      type: 'tool_result',
      callId: 'toolu_01ABC',
      content: [{ type: 'text', text: 'cc-tool-ok' }],
      isError: false,
      cacheControl: { type: 'ephemeral' },
    } satisfies IrToolResultPart,
  ]);
});

test('thinking-turn2: reasoning with the exact signature and provider anthropic', () => {
  const body = claudeCodeBody('thinking-turn2');
  const wire = (body.messages as Array<{ role: string; content: Array<Record<string, unknown>> }>)[2].content[0];
  const req = codec.decodeRequest(body);
  const r = req.messages[2].parts[0] as IrReasoningPart;
  assert.equal(r.type, 'reasoning');
  assert.equal(r.signature, 'SIG_abc123');
  assert.equal(r.signature, wire.signature);
  assert.equal(r.text, wire.thinking);
  assert.equal(r.provider, 'anthropic');
  assert.deepEqual(
    req.messages[2].parts.map((p) => p.type),
    ['reasoning', 'text', 'tool_call'],
  );
});

test('tool results go before the text of the same user message', () => {
  const req = codec.decodeRequest({
    model: 'm',
    max_tokens: 100,
    messages: [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Read', input: { path: 'a' } }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'and also this' },
          {
            type: 'tool_result',
            tool_use_id: 't1',
            is_error: true,
            content: [
              { type: 'text', text: 'boom' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
            ],
          },
          { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
        ],
      },
    ],
  });
  assert.deepEqual(
    req.messages.map((m) => m.role),
    ['user', 'assistant', 'tool', 'user'],
  );
  assert.deepEqual(req.messages[2].parts, [
    {
      type: 'tool_result',
      callId: 't1',
      isError: true,
      content: [
        { type: 'text', text: 'boom' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
      ],
    },
  ]);
  assert.deepEqual(req.messages[3].parts, [
    { type: 'text', text: 'and also this' },
    { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } },
  ]);
});

test('assistant blocks: redacted thinking, server tools and unknown blocks are kept', () => {
  const server = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } };
  const result = { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] };
  const future = { type: 'some_future_block', foo: 1 };
  const req = codec.decodeRequest({
    model: 'm',
    messages: [
      { role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' }, title: 'T' }, future] },
      { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'ENC' }, server, result, { type: 'text', text: 'done' }] },
    ],
  });
  assert.deepEqual(req.messages[0].parts, [
    { type: 'document', mediaType: 'application/pdf', data: 'JVBER', title: 'T' },
    { type: 'opaque', dialect: 'anthropic-messages', value: future },
  ]);
  assert.deepEqual(req.messages[1].parts, [
    { type: 'reasoning', text: '', redactedData: 'ENC', provider: 'anthropic' },
    { type: 'opaque', dialect: 'anthropic-messages', value: server },
    { type: 'opaque', dialect: 'anthropic-messages', value: result },
    { type: 'text', text: 'done' },
  ]);
});

test('tools, tool_choice, thinking and sampling fields', () => {
  const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 3 };
  const req = codec.decodeRequest({
    model: 'm',
    max_tokens: 2048,
    system: 'be brief',
    messages: [{ role: 'user', content: 'hi' }],
    tools: [{ name: 'get', description: 'd', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }, webSearch],
    tool_choice: { type: 'any', disable_parallel_tool_use: true },
    thinking: { type: 'enabled', budget_tokens: 1500 },
    temperature: 0.5,
    top_p: 0.9,
    top_k: 40,
    stop_sequences: ['END'],
    service_tier: 'auto',
    anthropic_beta: ['x'],
  });
  assert.deepEqual(req.system, [{ type: 'text', text: 'be brief' }]);
  assert.deepEqual(req.tools, [
    { kind: 'function', name: 'get', description: 'd', parameters: { type: 'object' }, cacheControl: { type: 'ephemeral' } },
    { kind: 'hosted', dialect: 'anthropic-messages', type: 'web_search_20250305', value: webSearch },
  ]);
  assert.deepEqual(req.toolChoice, { type: 'required' });
  assert.equal(req.parallelToolCalls, false);
  assert.deepEqual(req.reasoning, { enabled: true, budgetTokens: 1500 });
  assert.equal(req.temperature, 0.5);
  assert.equal(req.topP, 0.9);
  assert.equal(req.topK, 40);
  assert.deepEqual(req.stop, ['END']);
  assert.equal(req.stream, false);
  assert.deepEqual(req.extensions['anthropic-messages'], {
    service_tier: 'auto',
    anthropic_beta: ['x'],
    thinking: { type: 'enabled', budget_tokens: 1500 },
  });

  const named = codec.decodeRequest({ model: 'm', messages: [], tool_choice: { type: 'tool', name: 'get' }, thinking: { type: 'disabled' } });
  assert.deepEqual(named.toolChoice, { type: 'tool', name: 'get' });
  assert.equal(named.parallelToolCalls, undefined);
  assert.deepEqual(named.reasoning, { enabled: false });
  assert.deepEqual(codec.decodeRequest({ model: 'm', messages: [], tool_choice: { type: 'none' } }).toolChoice, { type: 'none' });
  assert.deepEqual(codec.decodeRequest({ model: 'm', messages: [], output_config: { effort: 'max' } }).reasoning, { effort: 'xhigh' });
});

test('bad bodies are invalid_request errors naming the field', () => {
  const cases: Array<[unknown, string | undefined]> = [
    [null, undefined],
    ['text', undefined],
    [{ messages: [] }, 'model'],
    [{ model: '', messages: [] }, 'model'],
    [{ model: 'm', messages: {} }, 'messages'],
    [{ model: 'm' }, 'messages'],
    [{ model: 'm', messages: [], max_tokens: 'abc' }, 'max_tokens'],
    [{ model: 'm', messages: [], max_tokens: 0 }, 'max_tokens'],
    [{ model: 'm', messages: [], max_tokens: 1.5 }, 'max_tokens'],
    [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages.0.role'],
    [{ model: 'm', messages: [{ role: 'user', content: 5 }] }, 'messages.0.content'],
    [{ model: 'm', messages: [{ role: 'user', content: ['x'] }] }, 'messages.0.content.0'],
    [{ model: 'm', messages: [], temperature: 'hot' }, 'temperature'],
    [{ model: 'm', messages: [], tools: {} }, 'tools'],
  ];
  for (const [body, param] of cases) {
    assert.throws(
      () => codec.decodeRequest(body),
      (err: unknown) => LynkrError.isInstance(err) && err.code === 'invalid_request' && err.status === 400 && err.param === param,
      JSON.stringify(body),
    );
  }
});
