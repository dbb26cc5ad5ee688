import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesCodec as codec } from '../../../src/dialects/anthropic-messages/index.js';
import type { EgressContext } from '../../../src/dialects/types.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrMessage, IrRequest } from '../../../src/ir/types.js';
import { claudeCodeBody } from './helpers.js';

type Msg = { role: string; content: Array<Record<string, unknown>> };
type Body = {
  model: string;
  max_tokens: number;
  system?: Array<Record<string, unknown>>;
  messages: Msg[];
  tools?: Array<Record<string, unknown>>;
  tool_choice?: Record<string, unknown>;
  thinking?: Record<string, unknown>;
  [k: string]: unknown;
};

function ctx(req: IrRequest, extra: Partial<EgressContext> = {}): EgressContext {
  return { model: 'claude-sonnet-4-5', toolNames: ToolNameMap.forRequest(req), stream: true, ...extra };
}

function encode(req: IrRequest, extra: Partial<EgressContext> = {}): Body {
  return codec.encodeRequest(req, ctx(req, extra)) as Body;
}

function request(messages: IrMessage[], more: Partial<IrRequest> = {}): IrRequest {
  return { model: 'm', system: [], messages, tools: [], stream: true, extensions: {}, ...more };
}

function assertAlternates(messages: Msg[]): void {
  assert.equal(messages[0].role, 'user');
  for (let i = 1; i < messages.length; i++) assert.notEqual(messages[i].role, messages[i - 1].role, `messages ${i - 1}/${i}`);
  for (const m of messages) assert.ok(m.content.length > 0);
}

test('round trip of thinking-turn2: thinking byte-exact, results right after tool_use, system reminder', () => {
  const raw = claudeCodeBody('thinking-turn2') as Body;
  const body = encode(codec.decodeRequest(raw));
  assert.equal(body.model, 'claude-sonnet-4-5');
  assert.equal(body.stream, true);
  assertAlternates(body.messages);
  assert.deepEqual(
    body.messages.map((m) => m.role),
    ['user', 'assistant', 'user'],
  );
  // The thinking block is exactly the client's, signature included.
  assert.deepEqual(body.messages[1].content[0], raw.messages[2].content[0]);
  assert.equal(JSON.stringify(body.messages[1].content[0]), JSON.stringify(raw.messages[2].content[0]));
  // Whole assistant turn is byte-identical.
  assert.equal(JSON.stringify(body.messages[1].content), JSON.stringify(raw.messages[2].content));
  // Tool result immediately after the tool_use, identical to what Claude Code sent.
  assert.deepEqual(body.messages[2].content, raw.messages[3].content);
  // The mid-conversation system message becomes a reminder at its position (merged into user 0).
  const first = body.messages[0].content;
  assert.equal(first.length, 3);
  assert.deepEqual(first.slice(0, 2), raw.messages[0].content);
  const reminder = String(first[2].text);
  assert.ok(reminder.startsWith('<system-reminder>\nAvailable agent types for the Agent tool:'));
  assert.ok(reminder.endsWith('\n</system-reminder>'));
  // Thinking stays on (the last assistant turn starts with a signed thinking block).
  assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 16384 });
  assert.equal(body.max_tokens, 64000);
});

test('round trip of basic: billing header absent, cache_control kept on system, tools intact', () => {
  const raw = claudeCodeBody('basic') as Body;
  const body = encode(codec.decodeRequest(raw), { maxOutputTokensLimit: 32000 });
  assert.deepEqual(body.system, (raw.system as Array<Record<string, unknown>>).slice(1));
  assert.ok(!JSON.stringify(body).includes('x-anthropic-billing-header'));
  assert.deepEqual(body.tools, raw.tools);
  assert.equal(body.tool_choice, undefined);
  assert.equal(body.max_tokens, 32000); // clamped to the upstream limit
  assert.deepEqual(body.metadata, raw.metadata);
  assert.deepEqual(body.context_management, raw.context_management);
  assert.equal(body.output_config, undefined);
  assert.equal(body.anthropic_beta, undefined);
  assertAlternates(body.messages);
  assert.equal(body.messages.length, 1);
  // The user's cache breakpoint survives.
  assert.deepEqual(body.messages[0].content[1], { type: 'text', text: 'say hi', cache_control: { type: 'ephemeral' } });
});

test('tool-turn2 without thinking in history: thinking is dropped instead of a 400', () => {
  const raw = claudeCodeBody('tool-turn2') as Body;
  const body = encode(codec.decodeRequest(raw));
  assert.deepEqual(body.messages[1].content, raw.messages[2].content);
  assert.deepEqual(body.messages[2].content, raw.messages[3].content);
  assert.equal(body.thinking, undefined);
  // clear_thinking edits need thinking on: dropped with it.
  assert.equal(body.context_management, undefined);
});

test('long MCP tool names are shortened consistently in tools, history and tool_choice', () => {
  const longName = 'mcp__some_really_long_server_name__and_an_even_longer_tool_name_here_x';
  assert.ok(longName.length > 64);
  const raw = claudeCodeBody('tool-turn2') as Body;
  const mcpTool = { name: longName, description: 'an MCP tool', input_schema: { type: 'object', properties: { q: { type: 'string' } } } };
  const messages = [
    ...raw.messages,
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_02', name: longName, input: { q: 'x' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_02', content: 'ok' }] },
  ];
  const req = codec.decodeRequest({ ...raw, tools: [...(raw.tools as unknown[]), mcpTool], messages, tool_choice: { type: 'tool', name: longName } });
  const c = ctx(req);
  const body = codec.encodeRequest(req, c) as Body;
  const wire = c.toolNames.wireName(longName);
  assert.ok(wire.length <= 64 && /^[a-zA-Z0-9_-]+$/.test(wire));
  assert.notEqual(wire, longName);
  assert.equal(body.tools!.at(-1)!.name, wire);
  const call = body.messages.flatMap((m) => m.content).find((b) => b.id === 'toolu_02');
  assert.equal(call?.name, wire);
  assert.deepEqual(body.tool_choice, { type: 'tool', name: wire });
  const identity = c.toolNames.resolve(wire);
  assert.equal(identity.name, longName);
  assert.equal(identity.toolKind, 'function');
  assert.equal(body.thinking, undefined); // forced tool choice: Anthropic rejects thinking with it
  assertAlternates(body.messages);
});

test('tool results are grouped into one user message, before that turn\'s text', () => {
  const req = request([
    { role: 'user', parts: [{ type: 'text', text: 'go' }] },
    {
      role: 'assistant',
      parts: [
        { type: 'text', text: '' },
        { type: 'tool_call', id: 'a', name: 'f', toolKind: 'function', arguments: '{"x":1}' },
        { type: 'tool_call', id: 'b', name: 'f', toolKind: 'function', arguments: 'not json' },
      ],
    },
    { role: 'system', parts: [{ type: 'text', text: 'be careful' }] },
    { role: 'tool', parts: [{ type: 'tool_result', callId: 'b', content: [{ type: 'text', text: 'B' }] }] },
    { role: 'tool', parts: [{ type: 'tool_result', callId: 'a', content: [{ type: 'text', text: 'A' }], isError: true }] },
    { role: 'user', parts: [{ type: 'text', text: 'thanks' }] },
  ]);
  const body = encode(req);
  assertAlternates(body.messages);
  assert.deepEqual(body.messages[1].content, [
    { type: 'tool_use', id: 'a', name: 'f', input: { x: 1 } },
    { type: 'tool_use', id: 'b', name: 'f', input: {} },
  ]);
  assert.deepEqual(body.messages[2].content, [
    { type: 'tool_result', tool_use_id: 'b', content: 'B' },
    { type: 'tool_result', tool_use_id: 'a', content: 'A', is_error: true },
    { type: 'text', text: '<system-reminder>\nbe careful\n</system-reminder>' },
    { type: 'text', text: 'thanks' },
  ]);
});

test('orphan tool_use gets a synthetic error result; orphan results become text', () => {
  const req = request([
    { role: 'tool', parts: [{ type: 'tool_result', callId: 'ghost', content: [{ type: 'text', text: 'old output' }] }] },
    { role: 'user', parts: [{ type: 'text', text: 'hello' }] },
    { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'f', toolKind: 'function', arguments: '{}' }] },
    { role: 'user', parts: [{ type: 'text', text: 'never mind' }] },
    { role: 'assistant', parts: [{ type: 'tool_call', id: 'c2', name: 'f', toolKind: 'function', arguments: '' }] },
  ]);
  const body = encode(req);
  assertAlternates(body.messages);
  assert.deepEqual(body.messages[0].content, [
    { type: 'text', text: '[Result of tool call ghost]\nold output' },
    { type: 'text', text: 'hello' },
  ]);
  assert.deepEqual(body.messages[2].content, [
    { type: 'tool_result', tool_use_id: 'c1', content: '(no result: the tool call was interrupted)', is_error: true },
    { type: 'text', text: 'never mind' },
  ]);
  assert.deepEqual(body.messages[3].content, [{ type: 'tool_use', id: 'c2', name: 'f', input: {} }]);
  assert.deepEqual(body.messages[4].content, [
    { type: 'tool_result', tool_use_id: 'c2', content: '(no result: the tool call was interrupted)', is_error: true },
  ]);
});

test('other providers\' reasoning is dropped; redacted thinking and Anthropic opaque blocks pass', () => {
  const server = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } };
  const req = request([
    { role: 'user', parts: [{ type: 'text', text: 'q' }] },
    {
      role: 'assistant',
      parts: [
        { type: 'reasoning', text: 'deepseek thoughts', provider: 'deepseek' },
        { type: 'reasoning', text: 'unsigned', provider: 'anthropic', signature: '' },
        { type: 'reasoning', text: '', redactedData: 'RED', provider: 'anthropic' },
        { type: 'reasoning', text: 'x', encrypted: { dialect: 'openai-responses', value: 'enc' } },
        { type: 'opaque', dialect: 'anthropic-messages', value: server },
        { type: 'opaque', dialect: 'openai-responses', value: { type: 'web_search_call' } },
        { type: 'text', text: 'answer  ' },
      ],
    },
  ]);
  const body = encode(req);
  assert.deepEqual(body.messages[1].content, [
    { type: 'redacted_thinking', data: 'RED' },
    server,
    { type: 'text', text: 'answer' }, // a final assistant (prefill) text may not end in whitespace
  ]);
});

test('a conversation that starts with the assistant gets a user placeholder first', () => {
  const body = encode(request([{ role: 'assistant', parts: [{ type: 'text', text: 'Hello!' }] }, { role: 'user', parts: [{ type: 'text', text: 'hi' }] }]));
  assertAlternates(body.messages);
  assert.deepEqual(body.messages[0].content, [{ type: 'text', text: '(no content)' }]);
});

test('images, documents and custom tools', () => {
  const req = request(
    [
      {
        role: 'user',
        parts: [
          { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'QUJD' }, detail: 'high' },
          { type: 'image', source: { kind: 'url', url: 'https://e/x.png' } },
          { type: 'document', mediaType: 'application/pdf', data: 'JVBER', title: 'doc' },
          { type: 'document', mediaType: 'text/plain', text: 'plain words' },
        ],
      },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'apply_patch', toolKind: 'custom', arguments: '*** Begin Patch\n' }] },
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'call_1', toolKind: 'custom', content: [{ type: 'text', text: 'Done' }, { type: 'image', source: { kind: 'url', url: 'https://e/s.png' } }] }] },
    ],
    {
      tools: [
        { kind: 'custom', name: 'apply_patch', description: 'Patch files', format: { type: 'grammar' } },
        { kind: 'function', name: 'noschema', parameters: {} },
        { kind: 'hosted', dialect: 'openai-responses', type: 'web_search', value: { type: 'web_search' } },
      ],
    },
  );
  const body = encode(req);
  assert.deepEqual(body.messages[0].content, [
    { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'QUJD' } },
    { type: 'image', source: { type: 'url', url: 'https://e/x.png' } },
    { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' }, title: 'doc' },
    { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain words' } },
  ]);
  assert.deepEqual(body.messages[1].content, [{ type: 'tool_use', id: 'call_1', name: 'apply_patch', input: { input: '*** Begin Patch\n' } }]);
  assert.deepEqual(body.messages[2].content, [
    {
      type: 'tool_result',
      tool_use_id: 'call_1',
      content: [
        { type: 'text', text: 'Done' },
        { type: 'image', source: { type: 'url', url: 'https://e/s.png' } },
      ],
    },
  ]);
  assert.deepEqual(body.tools, [
    {
      name: 'apply_patch',
      description: 'Patch files',
      input_schema: { type: 'object', properties: { input: { type: 'string', description: 'The raw input for this tool.' } }, required: ['input'] },
    },
    { name: 'noschema', input_schema: { type: 'object' } },
  ]);
});

test('max_tokens default, clamp, and thinking budgets by effort', () => {
  const user: IrMessage[] = [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }];
  assert.equal(encode(request(user)).max_tokens, 8192);
  assert.equal(encode(request(user), { defaultMaxOutputTokens: 4000 }).max_tokens, 4000);
  assert.equal(encode(request(user, { maxOutputTokens: 64000 }), { maxOutputTokensLimit: 8192 }).max_tokens, 8192);

  const low = encode(request(user, { maxOutputTokens: 10000, reasoning: { effort: 'low' } }));
  assert.deepEqual(low.thinking, { type: 'enabled', budget_tokens: 2048 });
  assert.equal(low.max_tokens, 10000);
  // budget ≥ max_tokens: max_tokens is raised within the limit
  const high = encode(request(user, { maxOutputTokens: 4096, reasoning: { enabled: true, effort: 'high' } }), { maxOutputTokensLimit: 64000 });
  assert.deepEqual(high.thinking, { type: 'enabled', budget_tokens: 16384 });
  assert.equal(high.max_tokens, 16384 + 4096);
  // …and the budget shrinks when the limit leaves no room
  const tight = encode(request(user, { reasoning: { enabled: true, budgetTokens: 50000 } }), { maxOutputTokensLimit: 8192 });
  assert.equal(tight.max_tokens, 8192);
  assert.ok((tight.thinking as { budget_tokens: number }).budget_tokens < 8192);
  // …or thinking is dropped when even 1024 does not fit
  const tiny = encode(request(user, { maxOutputTokens: 500, reasoning: { enabled: true, budgetTokens: 2000 } }), { maxOutputTokensLimit: 1500 });
  assert.equal(tiny.thinking, undefined);
  assert.equal(tiny.max_tokens, 500);
  assert.equal(encode(request(user, { reasoning: { enabled: false, effort: 'high' } })).thinking, undefined);
  assert.deepEqual(encode(request(user, { reasoning: { enabled: true } })).thinking, { type: 'enabled', budget_tokens: 8192 });
});

test('sampling rules, stop sequences, tool choice, metadata and response format', () => {
  const user: IrMessage[] = [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }];
  const tools: IrRequest['tools'] = [{ kind: 'function', name: 'f', parameters: { type: 'object' } }];
  const plain = encode(
    request(user, {
      temperature: 1.7,
      topP: 0.5,
      topK: 20,
      stop: ['END', '  '],
      tools,
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      user: 'u-1',
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object', properties: { a: { type: 'number' } } } },
      system: [{ type: 'text', text: 'sys', cacheControl: { type: 'ephemeral' } }],
    }),
  );
  assert.equal(plain.temperature, 1);
  assert.equal(plain.top_p, undefined);
  assert.equal(plain.top_k, 20);
  assert.deepEqual(plain.stop_sequences, ['END']);
  assert.deepEqual(plain.tool_choice, { type: 'any', disable_parallel_tool_use: true });
  assert.deepEqual(plain.metadata, { user_id: 'u-1' });
  assert.equal(plain.system!.length, 2);
  assert.deepEqual(plain.system![0], { type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } });
  assert.match(String(plain.system![1].text), /JSON Schema \(answer\):\n\{"type":"object"/);

  const thinking = encode(request(user, { temperature: 0.2, topP: 0.97, topK: 5, reasoning: { enabled: true, budgetTokens: 2000 }, tools, toolChoice: { type: 'auto' } }));
  assert.equal(thinking.temperature, undefined);
  assert.equal(thinking.top_k, undefined);
  assert.equal(thinking.top_p, 0.97);
  assert.deepEqual(thinking.tool_choice, { type: 'auto' });

  assert.equal(encode(request(user, { toolChoice: { type: 'none' } })).tool_choice, undefined); // no tools → no tool_choice
  assert.deepEqual(encode(request(user, { tools, toolChoice: { type: 'none' } })).tool_choice, { type: 'none' });
  assert.deepEqual(encode(request(user, { tools, parallelToolCalls: false })).tool_choice, { type: 'auto', disable_parallel_tool_use: true });
});

test('tool ids Anthropic would reject are rewritten the same way in calls and results', () => {
  const body = encode(
    request([
      { role: 'user', parts: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'fc:1.2', name: 'f', toolKind: 'function', arguments: '{}' }] },
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'fc:1.2', content: [{ type: 'text', text: 'ok' }] }] },
    ]),
  );
  const id = body.messages[1].content[0].id as string;
  assert.match(id, /^[a-zA-Z0-9_-]+$/);
  assert.equal(body.messages[2].content[0].tool_use_id, id);
});
