/**
 * encodeStream on scripted IR event sequences (wire-contract §3.1–§3.3), read back from
 * SSE text and checked for order, payloads and lifecycle invariants.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRequest, encodeStream } from '../../../src/dialects/openai-responses/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { assertStreamInvariants, collect, makeCtx, ofType, parseSse, streamOf, type SseEvent } from './helpers.js';

async function run(events: IrStreamEvent[] | AsyncIterable<IrStreamEvent>, ctx = makeCtx()): Promise<SseEvent[]> {
  const source = Array.isArray(events) ? streamOf(events) : events;
  const chunks = await collect(encodeStream(source, ctx));
  const parsed = parseSse(chunks.join(''));
  assertStreamInvariants(parsed);
  return parsed;
}

const usage = { inputTokens: 10, outputTokens: 3, cachedInputTokens: 2, reasoningTokens: 1 };

test('text: created, in_progress, message lifecycle, completed with usage', async () => {
  const ev = await run([
    { type: 'start', model: 'upstream-model-x' },
    { type: 'text-start', id: 't0' },
    { type: 'text-delta', id: 't0', delta: 'Hel' },
    { type: 'text-delta', id: 't0', delta: 'lo' },
    { type: 'text-end', id: 't0' },
    { type: 'finish', reason: 'stop', usage },
  ]);
  assert.deepEqual(
    ev.map((e) => e.event),
    [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ],
  );
  const created = ev[0].data.response;
  assert.equal(created.id, 'resp_test');
  assert.equal(created.object, 'response');
  assert.equal(created.created_at, 1_700_000_000);
  assert.equal(created.status, 'in_progress');
  assert.equal(created.model, 'gpt-5.5');
  assert.deepEqual(created.output, []);
  assert.equal(created.usage, null);
  assert.equal(created.error, null);
  assert.equal(created.incomplete_details, null);
  assert.deepEqual(created.tools, []);

  const added = ev[2].data;
  assert.equal(added.output_index, 0);
  assert.match(added.item.id, /^msg_/);
  assert.deepEqual(added.item, { id: added.item.id, type: 'message', role: 'assistant', status: 'in_progress', content: [] });
  assert.deepEqual(ev[4].data, {
    type: 'response.output_text.delta',
    sequence_number: 4,
    item_id: added.item.id,
    output_index: 0,
    content_index: 0,
    delta: 'Hel',
  });
  assert.equal(ev[6].data.text, 'Hello');
  const doneItem = ev[8].data.item;
  assert.deepEqual(doneItem, {
    id: added.item.id,
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
  });
  const completed = ev[9].data.response;
  assert.equal(completed.status, 'completed');
  assert.equal(completed.model, 'gpt-5.5', 'always the requested model');
  assert.deepEqual(completed.output, [doneItem]);
  assert.deepEqual(completed.usage, {
    input_tokens: 10,
    input_tokens_details: { cached_tokens: 2 },
    output_tokens: 3,
    output_tokens_details: { reasoning_tokens: 1 },
    total_tokens: 13,
  });
});

test('reasoning + function call + custom call + namespaced call, in order', async () => {
  const ev = await run([
    { type: 'reasoning-start', id: 'r', provider: 'anthropic' },
    { type: 'reasoning-delta', id: 'r', delta: 'Thinking ' },
    { type: 'reasoning-delta', id: 'r', delta: 'hard' },
    { type: 'reasoning-end', id: 'r', signature: 'SIG_1' },
    { type: 'tool-call-start', id: 'call_1', name: 'exec_command', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_1', delta: '{"cmd":' },
    { type: 'tool-call-delta', id: 'call_1', delta: '"ls"}' },
    { type: 'tool-call-end', id: 'call_1' },
    { type: 'tool-call-start', id: 'call_c1', name: 'apply_patch', toolKind: 'custom' },
    { type: 'tool-call-delta', id: 'call_c1', delta: '*** Begin Patch\n' },
    { type: 'tool-call-delta', id: 'call_c1', delta: '*** End Patch' },
    { type: 'tool-call-end', id: 'call_c1' },
    { type: 'tool-call-start', id: 'call_ns', name: 'close_agent', namespace: 'multi_agent_v1', toolKind: 'function' },
    { type: 'tool-call-end', id: 'call_ns' },
    { type: 'finish', reason: 'tool_calls', usage },
  ]);
  const done = ofType(ev, 'response.output_item.done').map((d) => d.item);
  assert.equal(done.length, 4);

  const [rs, fc, ctc, ns] = done;
  assert.match(rs.id, /^rs_/);
  assert.equal(rs.type, 'reasoning');
  assert.deepEqual(rs.summary, [{ type: 'summary_text', text: 'Thinking hard' }]);
  assert.deepEqual(rs.content, [{ type: 'reasoning_text', text: 'Thinking hard' }]);
  assert.ok(rs.encrypted_content.startsWith('lynkr:'));
  // What Codex echoes back decodes to the exact reasoning with its signature.
  const echoed = decodeRequest({ model: 'm', input: [rs, fc, ctc, ns] });
  assert.deepEqual(echoed.messages[0].parts[0], {
    type: 'reasoning',
    text: 'Thinking hard',
    signature: 'SIG_1',
    provider: 'anthropic',
  });
  assert.deepEqual(
    echoed.messages[0].parts.slice(1).map((p) => (p.type === 'tool_call' ? [p.toolKind, p.name, p.namespace, p.arguments] : p)),
    [
      ['function', 'exec_command', undefined, '{"cmd":"ls"}'],
      ['custom', 'apply_patch', undefined, '*** Begin Patch\n*** End Patch'],
      ['function', 'close_agent', 'multi_agent_v1', '{}'],
    ],
  );

  assert.deepEqual(fc, {
    id: fc.id,
    type: 'function_call',
    status: 'completed',
    call_id: 'call_1',
    name: 'exec_command',
    arguments: '{"cmd":"ls"}',
  });
  assert.match(fc.id, /^fc_/);
  assert.deepEqual(ctc, {
    id: ctc.id,
    type: 'custom_tool_call',
    status: 'completed',
    call_id: 'call_c1',
    name: 'apply_patch',
    input: '*** Begin Patch\n*** End Patch',
  });
  assert.deepEqual(ns, {
    id: ns.id,
    type: 'function_call',
    status: 'completed',
    call_id: 'call_ns',
    name: 'close_agent',
    namespace: 'multi_agent_v1',
    arguments: '{}',
  });

  // Reasoning deltas carry summary_index (Codex drops them otherwise).
  const rDeltas = ofType(ev, 'response.reasoning_summary_text.delta');
  assert.deepEqual(
    rDeltas.map((d) => [d.summary_index, d.delta, d.output_index]),
    [
      [0, 'Thinking ', 0],
      [0, 'hard', 0],
    ],
  );
  assert.equal(ofType(ev, 'response.reasoning_summary_part.added')[0].summary_index, 0);
  assert.deepEqual(
    ofType(ev, 'response.function_call_arguments.delta').map((d) => d.delta),
    ['{"cmd":', '"ls"}'],
  );
  assert.deepEqual(
    ofType(ev, 'response.function_call_arguments.done').map((d) => d.arguments),
    ['{"cmd":"ls"}', '{}'],
  );
  assert.deepEqual(ofType(ev, 'response.custom_tool_call_input.done')[0].input, '*** Begin Patch\n*** End Patch');
  const addedCalls = ofType(ev, 'response.output_item.added').slice(1);
  assert.deepEqual(
    addedCalls.map((a) => [a.item.arguments, a.item.input, a.item.status]),
    [
      ['', undefined, 'in_progress'],
      [undefined, '', 'in_progress'],
      ['', undefined, 'in_progress'],
    ],
  );
  const final = ev[ev.length - 1].data.response;
  assert.equal(final.status, 'completed');
  assert.deepEqual(final.output, done);
});

test('reasoning from an OpenAI Responses upstream keeps its own encrypted_content', async () => {
  const ev = await run([
    { type: 'reasoning-start', id: 'r' },
    { type: 'reasoning-delta', id: 'r', delta: 'x' },
    { type: 'reasoning-end', id: 'r', encrypted: { dialect: 'openai-responses', value: 'gAAAA_openai' } },
    { type: 'finish', reason: 'stop' },
  ]);
  assert.equal(ofType(ev, 'response.output_item.done')[0].item.encrypted_content, 'gAAAA_openai');
});

test('length → response.incomplete (max_output_tokens); content_filter → incomplete (content_filter)', async () => {
  const ev = await run([
    { type: 'text-delta', id: 't', delta: 'partial' },
    { type: 'finish', reason: 'length', usage: { inputTokens: 4.4, outputTokens: 7.6 } },
  ]);
  const last = ev[ev.length - 1].data;
  assert.equal(last.type, 'response.incomplete');
  assert.equal(last.response.status, 'incomplete');
  assert.deepEqual(last.response.incomplete_details, { reason: 'max_output_tokens' });
  // The open text block is closed before the terminal event; usage is integral.
  assert.equal(last.response.output[0].content[0].text, 'partial');
  assert.deepEqual(last.response.usage, {
    input_tokens: 4,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 8,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 12,
  });

  const cf = await run([{ type: 'finish', reason: 'content_filter' }]);
  assert.equal(cf[cf.length - 1].event, 'response.incomplete');
  assert.deepEqual(cf[cf.length - 1].data.response.incomplete_details, { reason: 'content_filter' });
});

test('error mid-stream → response.failed with rate_limit_exceeded and "try again in 3s"; nothing after', async () => {
  const ev = await run([
    { type: 'text-delta', id: 't', delta: 'half' },
    { type: 'error', error: new LynkrError('rate_limited', 'Rate limit reached.', { retryAfterSeconds: 2.2 }) },
    { type: 'text-delta', id: 't', delta: 'ignored' },
    { type: 'finish', reason: 'stop' },
  ]);
  const last = ev[ev.length - 1].data;
  assert.equal(last.type, 'response.failed');
  assert.equal(last.response.status, 'failed');
  assert.equal(last.response.error.code, 'rate_limit_exceeded');
  assert.match(last.response.error.message, /try again in 3s/);
  assert.match(last.response.error.message, /try again in\s*(\d+(\.\d+)?)\s*(s|ms|seconds?)/);
  assert.equal(ofType(ev, 'response.completed').length, 0);
  assert.equal(ofType(ev, 'response.output_item.done').length, 0, 'open items are not closed on error');
});

test('error codes Codex understands; everything else is server_error', async () => {
  const cases: Array<[LynkrError, string]> = [
    [new LynkrError('context_length_exceeded', 'too long'), 'context_length_exceeded'],
    [new LynkrError('overloaded', 'busy'), 'server_is_overloaded'],
    [new LynkrError('insufficient_quota', 'pay'), 'insufficient_quota'],
    [new LynkrError('content_filter', 'blocked'), 'invalid_prompt'],
    [new LynkrError('upstream_error', 'boom'), 'server_error'],
    [new LynkrError('upstream_timeout', 'slow'), 'server_error'],
    [new LynkrError('model_not_found', 'nope'), 'server_error'],
  ];
  for (const [error, code] of cases) {
    const ev = await run([{ type: 'error', error }]);
    const failed = ev[ev.length - 1].data.response;
    assert.deepEqual(failed.error, { code, message: error.message }, error.code);
  }
});

test('keepalive → a real response.in_progress carrying the partial output', async () => {
  const ev = await run([
    { type: 'keepalive' },
    { type: 'text-delta', id: 't', delta: 'so far' },
    { type: 'keepalive' },
    { type: 'text-end', id: 't' },
    { type: 'finish', reason: 'stop' },
  ]);
  const progress = ofType(ev, 'response.in_progress');
  assert.equal(progress.length, 3);
  assert.deepEqual(progress[1].response.output, []);
  assert.deepEqual(progress[2].response.output[0].content, [{ type: 'output_text', text: 'so far', annotations: [] }]);
  assert.equal(progress[2].response.status, 'in_progress');
  assert.equal(ev[ev.length - 1].event, 'response.completed');
});

test('usage falls back to the last usage event, then zeros', async () => {
  const withEvent = await run([
    { type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } },
    { type: 'usage', usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 50 } },
    { type: 'finish', reason: 'stop' },
  ]);
  assert.deepEqual(withEvent[withEvent.length - 1].data.response.usage, {
    input_tokens: 100,
    input_tokens_details: { cached_tokens: 50 },
    output_tokens: 20,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 120,
  });
  const none = await run([{ type: 'finish', reason: 'stop' }]);
  assert.equal(none[none.length - 1].data.response.usage.total_tokens, 0);
});

test('stream ending without finish → response.failed server_error', async () => {
  const ev = await run([{ type: 'text-delta', id: 't', delta: 'cut' }]);
  const last = ev[ev.length - 1].data;
  assert.equal(last.type, 'response.failed');
  assert.deepEqual(last.response.error, { code: 'server_error', message: 'upstream stream ended unexpectedly' });
});

test('a throwing IR stream still ends in response.failed', async () => {
  async function* broken(): AsyncGenerator<IrStreamEvent> {
    yield { type: 'text-delta', id: 't', delta: 'a' };
    throw new LynkrError('upstream_unavailable', 'connection reset');
  }
  const ev = await run(broken());
  const last = ev[ev.length - 1].data;
  assert.equal(last.type, 'response.failed');
  assert.deepEqual(last.response.error, { code: 'server_error', message: 'connection reset' });
});

test('implicit starts, unknown ends, duplicate starts and a custom delta without start never throw', async () => {
  const ev = await run([
    { type: 'text-end', id: 'never-started' },
    { type: 'reasoning-delta', id: 'r', delta: 'implicit' },
    { type: 'reasoning-start', id: 'r' },
    { type: 'reasoning-end', id: 'r' },
    { type: 'tool-call-delta', id: 'call_x', delta: '{"a":1}' },
    { type: 'text-start', id: 't' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'x' },
    { type: 'finish', reason: 'stop' },
  ]);
  const done = ofType(ev, 'response.output_item.done').map((d) => d.item);
  assert.deepEqual(
    done.map((i) => i.type),
    ['reasoning', 'function_call', 'message'],
  );
  assert.equal(done[0].summary[0].text, 'implicit');
  assert.equal(done[1].arguments, '{"a":1}');
  assert.equal(done[1].call_id, 'call_x');
});

test('opaque Responses items (compaction) pass through; other dialects are dropped', async () => {
  const compaction = { type: 'compaction', id: 'cmp_1', encrypted_content: 'opaque' };
  const ev = await run([
    { type: 'opaque', dialect: 'anthropic-messages', value: { type: 'server_tool_use' } },
    { type: 'opaque', dialect: 'openai-responses', value: compaction },
    { type: 'finish', reason: 'stop' },
  ]);
  assert.deepEqual(
    ofType(ev, 'response.output_item.added').map((a) => a.item),
    [compaction],
  );
  assert.deepEqual(
    ofType(ev, 'response.output_item.done').map((a) => a.item),
    [compaction],
  );
  assert.deepEqual(ev[ev.length - 1].data.response.output, [compaction]);
});

test('finish reason "error" fails the response so Codex retries', async () => {
  const ev = await run([{ type: 'finish', reason: 'error', rawReason: 'MALFORMED_FUNCTION_CALL' }]);
  const last = ev[ev.length - 1].data;
  assert.equal(last.type, 'response.failed');
  assert.equal(last.response.error.code, 'server_error');
  assert.match(last.response.error.message, /MALFORMED_FUNCTION_CALL/);
});

test('echoes request settings in the response object', async () => {
  const ctx = makeCtx();
  ctx.request = decodeRequest({
    model: 'alias',
    input: 'x',
    tool_choice: 'required',
    parallel_tool_calls: false,
    metadata: { a: 'b' },
    tools: [{ type: 'function', name: 'f' }],
  });
  const ev = await run([{ type: 'finish', reason: 'stop' }], ctx);
  const r = ev[ev.length - 1].data.response;
  assert.equal(r.tool_choice, 'required');
  assert.equal(r.parallel_tool_calls, false);
  assert.deepEqual(r.metadata, { a: 'b' });
  assert.deepEqual(r.tools, [], 'streams do not repeat the tool list');
});

test('a reasoning-end with redacted data but no start still yields a reasoning item carrying it', async () => {
  const ev = await run([
    { type: 'reasoning-end', id: 'r', redactedData: 'REDACTED' },
    { type: 'reasoning-end', id: 'unknown-and-empty' },
    { type: 'finish', reason: 'stop' },
  ]);
  const done = ofType(ev, 'response.output_item.done').map((d) => d.item);
  assert.equal(done.length, 1);
  const echoed = decodeRequest({ model: 'm', input: done });
  assert.deepEqual(echoed.messages[0].parts[0], { type: 'reasoning', text: '', redactedData: 'REDACTED' });
});
