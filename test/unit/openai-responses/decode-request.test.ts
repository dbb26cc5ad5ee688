/**
 * decodeRequest: validation of malformed bodies, and each §2.1 mapping rule on small
 * hand-written bodies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRequest, encodeReasoningBlob } from '../../../src/dialects/openai-responses/index.js';
import { LynkrError } from '../../../src/ir/errors.js';

function assertInvalid(body: unknown, param: string | undefined): void {
  assert.throws(
    () => decodeRequest(body),
    (err: unknown) => {
      assert.ok(LynkrError.isInstance(err));
      assert.equal(err.code, 'invalid_request');
      assert.equal(err.status, 400);
      assert.equal(err.param, param);
      return true;
    },
  );
}

test('bad bodies: non-object, missing/empty model, input of the wrong type', () => {
  for (const body of [null, 'x', 42, [], true]) assertInvalid(body, undefined);
  assertInvalid({ input: 'hi' }, 'model');
  assertInvalid({ model: '', input: 'hi' }, 'model');
  assertInvalid({ model: 7, input: 'hi' }, 'model');
  assertInvalid({ model: 'm', input: 5 }, 'input');
  assertInvalid({ model: 'm', input: { role: 'user' } }, 'input');
  assertInvalid({ model: 'm', input: 'hi', tools: [{ type: 'function', description: 'no name' }] }, 'tools[0].name');
});

test('string input is one user message; defaults; unknown top-level keys are ignored', () => {
  const req = decodeRequest({ model: 'gpt-4o', input: 'hello', future_field: { x: 1 }, tools: 'nonsense' });
  assert.deepEqual(req.messages, [{ role: 'user', parts: [{ type: 'text', text: 'hello' }] }]);
  assert.deepEqual(req.system, []);
  assert.deepEqual(req.tools, []);
  assert.equal(req.stream, false);
  assert.equal(req.toolChoice, undefined);
  assert.deepEqual(req.extensions['openai-responses'], { tools: 'nonsense' });
});

test('absent input is allowed (previous_response_id is resolved by the pipeline)', () => {
  const req = decodeRequest({ model: 'm', previous_response_id: 'resp_1' });
  assert.deepEqual(req.messages, []);
  assert.equal(req.extensions['openai-responses']!.previous_response_id, 'resp_1');
});

test('instructions come first; leading developer/system messages → system; later ones keep their place', () => {
  const req = decodeRequest({
    model: 'm',
    instructions: 'Be brief.',
    input: [
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'd1' }, { type: 'input_text', text: 'd2' }] },
      { type: 'message', role: 'system', content: 's1' },
      { role: 'user', content: 'hi' },
      { type: 'message', role: 'developer', content: 'late' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'again' }] },
    ],
  });
  assert.deepEqual(
    req.system.map((p) => p.text),
    ['Be brief.', 'd1', 'd2', 's1'],
  );
  assert.deepEqual(req.messages, [
    { role: 'user', parts: [{ type: 'text', text: 'hi' }] },
    { role: 'system', parts: [{ type: 'text', text: 'late' }] },
    { role: 'user', parts: [{ type: 'text', text: 'again' }] },
  ]);
});

test('content parts: images (data URL, URL, detail original), files, refusal, unknown types', () => {
  const req = decodeRequest({
    model: 'm',
    input: [
      {
        type: 'message',
        role: 'user',
        id: 'msg_1',
        status: 'completed',
        internal_chat_message_metadata_passthrough: { a: 1 },
        content: [
          { type: 'input_text', text: '<image name=[Image #1]>' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0K', detail: 'original' },
          { type: 'input_text', text: '</image>' },
          { type: 'input_image', image_url: 'https://x.test/cat.jpg', detail: 'low' },
          { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
          { type: 'input_audio', input_audio: { data: 'x', format: 'wav' } },
        ],
      },
      { type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
    ],
  });
  assert.deepEqual(req.messages[0].parts, [
    { type: 'text', text: '<image name=[Image #1]>' },
    { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0K' }, detail: 'high' },
    { type: 'text', text: '</image>' },
    { type: 'image', source: { kind: 'url', url: 'https://x.test/cat.jpg' }, detail: 'low' },
    { type: 'document', mediaType: 'application/pdf', data: 'JVBERi0=', title: 'a.pdf' },
    { type: 'opaque', dialect: 'openai-responses', value: { type: 'input_audio', input_audio: { data: 'x', format: 'wav' } } },
  ]);
  assert.deepEqual(req.messages[1], { role: 'assistant', parts: [{ type: 'text', text: 'No.' }] });
});

test('empty assistant messages are dropped and do not split the assistant turn', () => {
  const req = decodeRequest({
    model: 'm',
    input: [
      { role: 'user', content: 'go' },
      { type: 'message', role: 'assistant', phase: 'commentary', content: [{ type: 'output_text', text: '', annotations: [] }] },
      { type: 'function_call', call_id: 'c1', name: 'a', arguments: '{}' },
      { type: 'message', role: 'assistant', content: '' },
      { type: 'function_call', call_id: 'c2', name: 'b', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'one' },
      { type: 'function_call_output', call_id: 'c2', output: 'two' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'done' }] },
    ],
  });
  assert.deepEqual(
    req.messages.map((m) => [m.role, m.parts.map((p) => p.type).join(',')]),
    [
      ['user', 'text'],
      ['assistant', 'tool_call,tool_call'],
      ['tool', 'tool_result,tool_result'],
      ['assistant', 'text'],
    ],
  );
});

test('tool outputs: arrays of text and images; results name their call; unmatched results keep no name', () => {
  const req = decodeRequest({
    model: 'm',
    input: [
      { type: 'function_call', call_id: 'c1', name: 'view_image', arguments: { path: 'a.png' } },
      {
        type: 'function_call_output',
        call_id: 'c1',
        output: [
          { type: 'input_text', text: 'here' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/' },
        ],
      },
      { type: 'function_call_output', call_id: 'orphan', output: 'lost' },
    ],
  });
  assert.deepEqual(req.messages[0].parts, [
    { type: 'tool_call', id: 'c1', name: 'view_image', toolKind: 'function', arguments: '{"path":"a.png"}' },
  ]);
  assert.deepEqual(req.messages[1], {
    role: 'tool',
    parts: [
      {
        type: 'tool_result',
        callId: 'c1',
        name: 'view_image',
        toolKind: 'function',
        content: [
          { type: 'text', text: 'here' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/' } },
        ],
      },
      { type: 'tool_result', callId: 'orphan', toolKind: 'function', content: [{ type: 'text', text: 'lost' }] },
    ],
  });
});

test('unknown and hosted items become opaque parts, *_call on the assistant side', () => {
  const web = { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'q' } };
  const compaction = { type: 'compaction', id: 'cmp_1', encrypted_content: 'abc' };
  const trigger = { type: 'compaction_trigger' };
  const future = { type: 'brand_new_item', x: 1 };
  const req = decodeRequest({
    model: 'm',
    input: [
      { role: 'user', content: 'q' },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: null },
      web,
      { type: 'message', role: 'assistant', content: 'found it' },
      compaction,
      trigger,
      future,
      'stray string',
    ],
  });
  const op = (value: unknown) => ({ type: 'opaque', dialect: 'openai-responses', value });
  assert.deepEqual(req.messages, [
    { role: 'user', parts: [{ type: 'text', text: 'q' }] },
    { role: 'assistant', parts: [{ type: 'reasoning', text: '' }, op(web), { type: 'text', text: 'found it' }] },
    { role: 'user', parts: [op(compaction), op(trigger), op(future), op('stray string')] },
  ]);
});

test('reasoning: Lynkr blob restores signature, provider and exact text; foreign blobs stay opaque', () => {
  const blob = encodeReasoningBlob({ text: 'exact thinking', signature: 'SIG_abc', provider: 'anthropic' });
  const req = decodeRequest({
    model: 'm',
    input: [
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [{ type: 'summary_text', text: 'exact thinking' }],
        content: [{ type: 'reasoning_text', text: 'exact thinking' }],
        encrypted_content: blob,
      },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'ok' },
      {
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'part 1' }, { type: 'summary_text', text: 'part 2' }],
        encrypted_content: 'lynkr:not-json!!',
      },
    ],
  });
  assert.deepEqual(req.messages[0].parts[0], {
    type: 'reasoning',
    text: 'exact thinking',
    signature: 'SIG_abc',
    provider: 'anthropic',
  });
  assert.deepEqual(req.messages[2].parts[0], {
    type: 'reasoning',
    text: 'part 1\n\npart 2',
    encrypted: { dialect: 'openai-responses', value: 'lynkr:not-json!!' },
  });
});

test('tools: namespace children flattened with their namespace; hosted tools kept; parameters default', () => {
  const req = decodeRequest({
    model: 'm',
    input: 'x',
    tools: [
      { type: 'function', name: 'noargs' },
      {
        type: 'namespace',
        name: 'multi_agent_v1',
        description: 'agents',
        tools: [
          { type: 'function', name: 'close_agent', parameters: { type: 'object', properties: { target: { type: 'string' } } } },
          { type: 'custom', name: 'free', format: { type: 'text' } },
        ],
      },
      { type: 'local_shell' },
      { type: 'mcp', server_label: 's' },
      { type: 'function', function: { name: 'chat_shape', parameters: { type: 'object', properties: {} } } },
    ],
  });
  assert.deepEqual(req.tools, [
    { kind: 'function', name: 'noargs', parameters: { type: 'object', properties: {} } },
    {
      kind: 'function',
      name: 'close_agent',
      namespace: 'multi_agent_v1',
      parameters: { type: 'object', properties: { target: { type: 'string' } } },
    },
    { kind: 'custom', name: 'free', namespace: 'multi_agent_v1', format: { type: 'text' } },
    { kind: 'hosted', dialect: 'openai-responses', type: 'local_shell', value: { type: 'local_shell' } },
    { kind: 'hosted', dialect: 'openai-responses', type: 'mcp', value: { type: 'mcp', server_label: 's' } },
    { kind: 'function', name: 'chat_shape', parameters: { type: 'object', properties: {} } },
  ]);
});

test('tool_choice variants', () => {
  const choice = (tool_choice: unknown) => decodeRequest({ model: 'm', input: 'x', tool_choice }).toolChoice;
  assert.deepEqual(choice('auto'), { type: 'auto' });
  assert.deepEqual(choice('none'), { type: 'none' });
  assert.deepEqual(choice('required'), { type: 'required' });
  assert.deepEqual(choice({ type: 'function', name: 'f' }), { type: 'tool', name: 'f' });
  assert.deepEqual(choice({ type: 'custom', name: 'apply_patch' }), { type: 'tool', name: 'apply_patch' });
  assert.deepEqual(choice({ type: 'web_search' }), { type: 'auto' });
  assert.deepEqual(choice({ type: 'allowed_tools', mode: 'required', tools: [] }), { type: 'required' });
  assert.deepEqual(choice('bogus'), { type: 'auto' });
  assert.equal(choice(undefined), undefined);
});

test('sampling, reasoning, text format, user and extensions', () => {
  const req = decodeRequest({
    model: 'm',
    input: 'x',
    stream: true,
    max_output_tokens: 512,
    temperature: 0.2,
    top_p: 0.9,
    user: 'u1',
    parallel_tool_calls: false,
    reasoning: { effort: 'high', summary: 'auto' },
    text: {
      verbosity: 'low',
      format: { type: 'json_schema', name: 'codex_output_schema', strict: true, schema: { type: 'object' } },
    },
    store: false,
    service_tier: 'priority',
    metadata: { k: 'v' },
    truncation: 'auto',
    background: false,
    client_metadata: { session_id: 's' },
  });
  assert.equal(req.stream, true);
  assert.equal(req.maxOutputTokens, 512);
  assert.equal(req.temperature, 0.2);
  assert.equal(req.topP, 0.9);
  assert.equal(req.user, 'u1');
  assert.equal(req.parallelToolCalls, false);
  assert.deepEqual(req.reasoning, { enabled: true, effort: 'high', summary: 'auto' });
  assert.deepEqual(req.responseFormat, { type: 'json_schema', name: 'codex_output_schema', strict: true, schema: { type: 'object' } });
  const ext = req.extensions['openai-responses']!;
  for (const k of ['store', 'service_tier', 'metadata', 'truncation', 'background', 'client_metadata', 'text']) {
    assert.ok(k in ext, k);
  }

  assert.deepEqual(decodeRequest({ model: 'm', input: 'x', reasoning: { effort: 'none' } }).reasoning, { enabled: false });
  assert.deepEqual(decodeRequest({ model: 'm', input: 'x', reasoning: { summary: 'auto' } }).reasoning, { summary: 'auto' });
  assert.deepEqual(decodeRequest({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).responseFormat, {
    type: 'json_object',
  });
  assert.equal(decodeRequest({ model: 'm', input: 'x', text: { format: { type: 'text' } } }).responseFormat, undefined);
});
