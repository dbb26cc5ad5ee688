/**
 * The Responses egress stream decoder on recorded Responses API streams (one `data:` payload
 * per line, as OpenAI and Azure OpenAI send them): text, reasoning summaries with OpenAI's
 * encrypted content, function and custom tool calls, hosted items, and every terminal form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesCodec } from '../../../src/dialects/openai-responses/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { assertLifecycle, collect, readJsonl, replay } from '../openai-chat/support.js';

async function decodeFixture(name: string): Promise<IrStreamEvent[]> {
  const payloads = readJsonl(new URL(`./fixtures/${name}.jsonl`, import.meta.url));
  const events = await collect(openaiResponsesCodec.decodeStream(replay(payloads)));
  assertLifecycle(events);
  return events;
}

function errorOf(events: IrStreamEvent[]): LynkrError {
  const last = events.at(-1);
  assert.equal(last?.type, 'error');
  return (last as Extract<IrStreamEvent, { type: 'error' }>).error;
}

test('text: one text block per message item, usage from response.completed', async () => {
  const usage = { inputTokens: 21, outputTokens: 8, cachedInputTokens: 0, reasoningTokens: 0 };
  assert.deepEqual(await decodeFixture('text'), [
    { type: 'start', id: 'resp_0a1f3c5e7b9d2f40006', model: 'gpt-4.1-2025-04-14' },
    { type: 'text-start', id: 'text_0' },
    { type: 'text-delta', id: 'text_0', delta: 'Hello' },
    { type: 'text-delta', id: 'text_0', delta: '! How can' },
    { type: 'text-delta', id: 'text_0', delta: ' I help?' },
    { type: 'text-end', id: 'text_0' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'stop', usage },
  ]);
});

test('reasoning summary parts then a function call: encrypted content kept for the round trip', async () => {
  const usage = { inputTokens: 1534, outputTokens: 87, cachedInputTokens: 1280, reasoningTokens: 64 };
  assert.deepEqual(await decodeFixture('reasoning-tool'), [
    { type: 'start', id: 'resp_68c1f0a2b4d6e8f0', model: 'gpt-5-mini-2025-08-07' },
    { type: 'reasoning-start', id: 'reasoning_0', provider: 'openai' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: '**Listing files**' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: '\n\nI will run ls.' },
    { type: 'reasoning-end', id: 'reasoning_0', encrypted: { dialect: 'openai-responses', value: 'gAAAAABoyfCk_enc_opaque_blob_01==' } },
    { type: 'tool-call-start', id: 'call_Qx7d2LmP0aZk', name: 'exec_command', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_Qx7d2LmP0aZk', delta: '{"cmd"' },
    { type: 'tool-call-delta', id: 'call_Qx7d2LmP0aZk', delta: ':"ls -la"}' },
    { type: 'tool-call-end', id: 'call_Qx7d2LmP0aZk' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'tool_calls', usage },
  ]);
});

test('custom tool call: the raw input streamed as it comes, never JSON-wrapped', async () => {
  const events = await decodeFixture('custom-tool');
  assert.deepEqual(events.slice(1, 5), [
    { type: 'tool-call-start', id: 'call_Pt4c', name: 'apply_patch', toolKind: 'custom' },
    { type: 'tool-call-delta', id: 'call_Pt4c', delta: '*** Begin Patch\n*** Add File: hello.txt\n' },
    { type: 'tool-call-delta', id: 'call_Pt4c', delta: '+hello world\n*** End Patch' },
    { type: 'tool-call-end', id: 'call_Pt4c' },
  ]);
  assert.equal((events.at(-1) as { reason: string }).reason, 'tool_calls');
});

test('a call that arrives only as output_item.done (no added, no deltas) comes out whole', async () => {
  const events = await collect(
    openaiResponsesCodec.decodeStream(
      replay([
        { type: 'response.created', response: { id: 'r', model: 'm' } },
        { type: 'response.output_item.done', item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'ls', arguments: '{"d":"."}' } },
        { type: 'response.output_item.added', item: { id: 'fc_2', type: 'function_call', call_id: 'call_2', name: 'pwd', arguments: '' } },
        { type: 'response.output_item.done', item: { id: 'fc_2', type: 'function_call', call_id: 'call_2', name: 'pwd', arguments: '{}' } },
        { type: 'response.completed', response: { id: 'r' } },
      ]),
    ),
  );
  assertLifecycle(events);
  assert.deepEqual(events.slice(1, -1), [
    { type: 'tool-call-start', id: 'call_1', name: 'ls', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_1', delta: '{"d":"."}' },
    { type: 'tool-call-end', id: 'call_1' },
    { type: 'tool-call-start', id: 'call_2', name: 'pwd', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_2', delta: '{}' },
    { type: 'tool-call-end', id: 'call_2' },
  ]);
  assert.deepEqual(events.at(-1), { type: 'finish', reason: 'tool_calls' });
});

test('response.incomplete with max_output_tokens finishes with length', async () => {
  const events = await decodeFixture('incomplete');
  assert.deepEqual(events.at(-1), {
    type: 'finish',
    reason: 'length',
    rawReason: 'max_output_tokens',
    usage: { inputTokens: 12, outputTokens: 16, cachedInputTokens: 0, reasoningTokens: 0 },
  });
});

test('response.failed with rate_limit_exceeded becomes a retryable rate limit with the delay from the message', async () => {
  const err = errorOf(await decodeFixture('failed-rate-limit'));
  assert.equal(err.code, 'rate_limited');
  assert.equal(err.retryable, true);
  assert.equal(err.retryAfterSeconds, 2.5);
  assert.match(err.message, /try again in 2\.5s/);
});

test('a top-level error event ends the stream with an upstream error', async () => {
  const err = errorOf(await decodeFixture('error-event'));
  assert.equal(err.code, 'upstream_error');
  assert.match(err.message, /server had an error/);
});

test('hosted items (web_search_call) pass as opaque Responses items, in order', async () => {
  const events = await decodeFixture('web-search');
  const opaque = events.find((e) => e.type === 'opaque') as Extract<IrStreamEvent, { type: 'opaque' }>;
  assert.equal(opaque.dialect, 'openai-responses');
  assert.deepEqual((opaque.value as { action: unknown }).action, { type: 'search', query: 'node 20 release date' });
  const types = events.map((e) => e.type);
  assert.ok(types.indexOf('opaque') < types.indexOf('text-start'));
  assert.equal((events.at(-1) as { reason: string }).reason, 'stop');
});

test('reasoning with only encrypted content still carries it; a message without deltas takes its text from the done item', async () => {
  const events = await decodeFixture('encrypted-only-reasoning');
  assert.deepEqual(events.slice(1, 6), [
    { type: 'reasoning-start', id: 'reasoning_0', provider: 'openai' },
    { type: 'reasoning-end', id: 'reasoning_0', encrypted: { dialect: 'openai-responses', value: 'gAAAAABo_only_encrypted==' } },
    { type: 'text-start', id: 'text_1' },
    { type: 'text-delta', id: 'text_1', delta: 'Done.' },
    { type: 'text-end', id: 'text_1' },
  ]);
});

test('a stream that stops before response.completed ends with a retryable error', async () => {
  const events = await decodeFixture('truncated');
  const err = errorOf(events);
  assert.equal(err.code, 'upstream_error');
  assert.equal(err.retryable, true);
  assert.ok(events.some((e) => e.type === 'text-delta' && e.delta === 'Partial'));
});

test('raw reasoning text (gpt-oss) streams as reasoning; a summary for the same item is not repeated', async () => {
  const events = await collect(
    openaiResponsesCodec.decodeStream(
      replay([
        { type: 'response.created', response: { id: 'r', model: 'gpt-oss-120b' } },
        { type: 'response.reasoning_text.delta', item_id: 'rs_1', content_index: 0, delta: 'think ' },
        { type: 'response.reasoning_text.delta', item_id: 'rs_1', content_index: 0, delta: 'hard' },
        { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', summary_index: 0, delta: 'Summary' },
        { type: 'response.output_item.done', item: { id: 'rs_1', type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'think hard' }] } },
        { type: 'response.completed', response: { id: 'r', usage: null } },
      ]),
    ),
  );
  assertLifecycle(events);
  const deltas = events.filter((e) => e.type === 'reasoning-delta').map((e) => (e as { delta: string }).delta);
  assert.deepEqual(deltas, ['think ', 'hard']);
  assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop' });
});

test('an unparsable SSE payload (the frame layer’s {error}) ends the stream with an error', async () => {
  const events = await collect(openaiResponsesCodec.decodeStream(replay([{ error: { message: 'Upstream sent an SSE event that is not JSON: <html>' } }])));
  assertLifecycle(events);
  assert.match(errorOf(events).message, /not JSON/);
});
