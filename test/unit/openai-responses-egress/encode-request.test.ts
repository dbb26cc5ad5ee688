/**
 * The Responses egress encoder on what real clients send: Claude Code 2.1.197 and Codex 0.169.0
 * request captures, decoded by their own ingress codecs, encoded for a Responses upstream
 * (Azure OpenAI Responses deployments). Checks the shapes the Responses API requires and the
 * fields it rejects, and that decoding the encoded body gives the conversation back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { anthropicMessagesCodec } from '../../../src/dialects/anthropic-messages/index.js';
import { decodeRequest, encodeReasoningBlob, openaiResponsesCodec } from '../../../src/dialects/openai-responses/index.js';
import type { EgressContext } from '../../../src/dialects/types.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrRequest } from '../../../src/ir/types.js';
import { codexBody, irRequest } from '../openai-chat/support.js';

type Json = Record<string, any>;

function claudeCodeBody(name: string): Json {
  const text = readFileSync(`/work/shared/fixtures/claude-code-2.1.197/${name}.http`, 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n}\n') + 3)) as Json;
}

function encode(req: IrRequest, over: Partial<EgressContext> = {}): Json {
  return openaiResponsesCodec.encodeRequest(req, {
    model: 'my-deployment',
    toolNames: ToolNameMap.forRequest(req),
    stream: true,
    maxOutputTokensLimit: 16_384,
    ...over,
  }) as Json;
}

test('Claude Code tool turn: instructions, in-place developer message, function_call + function_call_output paired by call_id', () => {
  const req = anthropicMessagesCodec.decodeRequest(claudeCodeBody('tool-turn2'));
  const body = encode(req);
  assert.equal(body.model, 'my-deployment');
  assert.equal(body.store, false);
  assert.equal(body.stream, true);
  assert.match(body.instructions, /You are a Claude agent|Claude Code/);
  assert.doesNotMatch(body.instructions, /x-anthropic-billing-header/);
  const input = body.input as Json[];
  assert.deepEqual(
    input.map((i) => `${i.type}:${i.role ?? ''}`),
    ['message:user', 'message:developer', 'message:assistant', 'function_call:', 'function_call_output:'],
  );
  assert.match(input[1].content[0].text, /Available agent types/);
  assert.deepEqual(input[2].content, [{ type: 'output_text', text: 'I will run a command.', annotations: [] }]);
  assert.deepEqual(input[3], { type: 'function_call', call_id: 'toolu_01ABC', name: 'Bash', arguments: JSON.stringify({ command: 'echo cc-tool-ok', description: 'Echo test' }) });
  assert.deepEqual(input[4], { type: 'function_call_output', call_id: 'toolu_01ABC', output: 'cc-tool-ok' });
  // Nothing Anthropic-only reaches the upstream.
  assert.doesNotMatch(JSON.stringify(body), /cache_control|ephemeral|context_management/);
});

test('Claude Code tools: flat function tools with strict:false (the API defaults strict to true), no $schema; effort without a summary', () => {
  const req = anthropicMessagesCodec.decodeRequest(claudeCodeBody('basic'));
  const body = encode(req);
  const bash = (body.tools as Json[]).find((t) => t.name === 'Bash')!;
  assert.equal(bash.type, 'function');
  assert.equal(bash.strict, false);
  assert.equal(bash.parameters.type, 'object');
  assert.ok(!('$schema' in bash.parameters));
  assert.ok(!('function' in bash), 'Responses tools are flat, not nested under `function`');
  assert.deepEqual(body.reasoning, { effort: 'high' });
  assert.equal(body.max_output_tokens, 16_384, "Claude Code's 64000 is clamped to the upstream limit");
  assert.equal(body.tool_choice, undefined);
  for (const key of ['stop', 'user', 'include', 'prompt_cache_key', 'metadata', 'thinking']) assert.ok(!(key in body), key);
});

test('Codex custom tool turn: custom tools and calls stay custom, the output item matches the call kind', () => {
  const req = decodeRequest(codexBody('custom-tool-turn2'));
  const body = encode(req);
  const applyPatch = (body.tools as Json[]).find((t) => t.name === 'apply_patch')!;
  assert.equal(applyPatch.type, 'custom');
  assert.equal(applyPatch.format.type, 'grammar');
  const input = body.input as Json[];
  const call = input.find((i) => i.type === 'custom_tool_call')!;
  assert.equal(typeof call.input, 'string');
  assert.match(call.input, /\*\*\* Begin Patch/);
  const output = input.find((i) => i.type === 'custom_tool_call_output')!;
  assert.equal(output.call_id, call.call_id);
  // Hosted tools the Responses API runs itself pass through.
  assert.deepEqual(
    (body.tools as Json[]).filter((t) => t.type !== 'function' && t.type !== 'custom').map((t) => t.type),
    ['tool_search', 'web_search'],
  );
  // A Responses client's own settings travel with it; Codex telemetry does not.
  assert.deepEqual(body.include, ['reasoning.encrypted_content']);
  assert.equal(typeof body.prompt_cache_key, 'string');
  assert.deepEqual(body.text, { verbosity: 'low' });
  assert.equal(body.parallel_tool_calls, true);
  assert.equal(body.tool_choice, 'auto');
  assert.ok(!('client_metadata' in body));
});

test('round trip: decoding the encoded body gives the same conversation back (Codex tool and custom-tool turns)', () => {
  for (const name of ['tool-turn2', 'custom-tool-turn2', 'compaction-request']) {
    const original = decodeRequest(codexBody(name));
    const again = decodeRequest(encode(original));
    assert.deepEqual(again.system.map((p) => p.text).join('\n\n'), original.system.map((p) => p.text).join('\n\n'), name);
    assert.deepEqual(again.messages, original.messages, name);
    assert.deepEqual(
      again.tools.map((t) => `${t.kind}:${t.kind === 'hosted' ? t.type : t.name}`),
      original.tools.map((t) => `${t.kind}:${t.kind === 'hosted' ? t.type : t.name}`),
      name,
    );
  }
});

test('compaction request (tools: []): no tools, no tool_choice, no parallel_tool_calls', () => {
  const body = encode(decodeRequest(codexBody('compaction-request')));
  for (const key of ['tools', 'tool_choice', 'parallel_tool_calls']) assert.ok(!(key in body), key);
  assert.ok((body.input as Json[]).some((i) => i.type === 'function_call'), 'earlier calls stay in the history');
});

test('reasoning: OpenAI encrypted content goes back without an id; Lynkr blobs and other providers’ thinking never do', () => {
  const req = irRequest({
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'go' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', text: 'raw', summary: 'Plan', encrypted: { dialect: 'openai-responses', value: 'gAAAA_openai' } },
          { type: 'reasoning', text: 'claude thinking', signature: 'SIG', provider: 'anthropic' },
          { type: 'tool_call', id: 'c1', name: 'ls', toolKind: 'function', arguments: '' },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'c1', content: [{ type: 'text', text: 'a b' }] }] },
    ],
    tools: [{ kind: 'function', name: 'ls', parameters: { type: 'object', properties: {} } }],
  });
  const input = encode(req).input as Json[];
  assert.deepEqual(input[1], { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Plan' }], encrypted_content: 'gAAAA_openai' });
  assert.equal(input.filter((i) => i.type === 'reasoning').length, 1);
  assert.equal(input[2].arguments, '{}', 'empty arguments become an empty object');
  assert.doesNotMatch(JSON.stringify(input), /SIG|claude thinking/);

  // Codex echoing Lynkr's own blob (e.g. Anthropic thinking it relayed earlier) decodes without `encrypted`.
  const codexEcho = decodeRequest({
    model: 'm',
    input: [
      { type: 'message', role: 'user', content: 'hi' },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: encodeReasoningBlob({ text: 't', signature: 'S', provider: 'anthropic' }) },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] },
    ],
  });
  assert.ok(!(encode(codexEcho).input as Json[]).some((i) => i.type === 'reasoning'));
});

test('tool results with images: text output, images in a following user message; interrupted calls get an output', () => {
  const png = { type: 'image' as const, source: { kind: 'base64' as const, mediaType: 'image/png', data: 'iVBORw0KGgo=' } };
  const req = irRequest({
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'look' }, { ...png, detail: 'original' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'tool_call', id: 'c1', name: 'screenshot', toolKind: 'function', arguments: '{}' },
          { type: 'tool_call', id: 'c2', name: 'screenshot', toolKind: 'function', arguments: '{}' },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'c1', content: [png], isError: false }] },
      { role: 'user', parts: [{ type: 'text', text: 'next' }] },
    ],
  });
  const input = encode(req).input as Json[];
  assert.deepEqual(input[0].content[1], { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' });
  assert.deepEqual(
    input.map((i) => i.type + (i.role ? `:${i.role}` : '')),
    ['message:user', 'function_call', 'function_call', 'function_call_output', 'function_call_output', 'message:user', 'message:user'],
  );
  assert.match(input[3].output, /images/);
  assert.match(input[4].output, /interrupted/);
  assert.equal(input[5].content[1].type, 'input_image');
});

test('tool choice, structured output, namespaced tools and the output-token floor', () => {
  const req = irRequest({
    tools: [
      { kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1', parameters: { type: 'object' } },
      { kind: 'custom', name: 'apply_patch', description: 'patch' },
      { kind: 'hosted', dialect: 'anthropic-messages', type: 'web_search_20250305', value: { type: 'web_search_20250305' } },
    ],
    toolChoice: { type: 'tool', name: 'apply_patch' },
    responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
    maxOutputTokens: 5,
    stop: ['END'],
    reasoning: { enabled: true, effort: 'xhigh' },
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'x' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c9', name: 'close_agent', namespace: 'multi_agent_v1', toolKind: 'function', arguments: '{"target":"a"}' }] },
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'c9', content: [{ type: 'text', text: 'closed' }] }] },
    ],
  });
  const body = encode(req);
  assert.deepEqual(
    (body.tools as Json[]).map((t) => `${t.type}:${t.name}`),
    ['function:close_agent', 'custom:apply_patch'],
    'namespaces are flattened, other dialects’ hosted tools dropped',
  );
  assert.equal((body.input as Json[])[1].name, 'close_agent', 'history calls use the same flat name');
  assert.deepEqual(body.tool_choice, { type: 'custom', name: 'apply_patch' });
  assert.deepEqual(body.text, { format: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true } });
  assert.equal(body.max_output_tokens, 16, 'the API minimum');
  assert.deepEqual(body.reasoning, { effort: 'high' }, 'xhigh only from a Responses client');
  assert.ok(!('stop' in body));
});
