import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesCodec as codec } from '../../../src/dialects/anthropic-messages/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrStreamEvent, IrUsage } from '../../../src/ir/types.js';
import { EMPTY_REQUEST, collect, from, ingressContext, parseSse, type SseFrame } from './helpers.js';

async function encode(events: IrStreamEvent[]): Promise<SseFrame[]> {
  const chunks = await collect(codec.encodeStream(from(events), ingressContext(EMPTY_REQUEST)));
  for (const c of chunks) assert.ok(c.endsWith('\n\n'), 'every chunk is whole frames');
  const frames = parseSse(chunks.join(''));
  assertBlockInvariants(frames);
  return frames;
}

/** Indexes start at 0 and increase; every block is start, deltas, stop without overlap. */
function assertBlockInvariants(frames: SseFrame[]): void {
  let next = 0;
  let open: number | undefined;
  for (const { event, data } of frames) {
    if (event === 'content_block_start') {
      assert.equal(open, undefined, 'blocks do not overlap');
      assert.equal(data.index, next++);
      open = data.index as number;
    } else if (event === 'content_block_delta') assert.equal(data.index, open);
    else if (event === 'content_block_stop') {
      assert.equal(data.index, open);
      open = undefined;
    }
  }
  // Anthropic's own mid-stream `event: error` leaves the current block open; anything else closes it.
  if (frames.at(-1)?.event !== 'error') assert.equal(open, undefined, 'no block left open');
  assert.equal(frames.filter((f) => f.event === 'message_start').length, Math.min(1, frames.length));
}

const usage: IrUsage = { inputTokens: 1000, cachedInputTokens: 600, cacheWriteInputTokens: 100, outputTokens: 42 };

test('text + thinking + tool call: exact frame order and payloads', async () => {
  const frames = await encode([
    { type: 'start', id: 'up_1', model: 'gpt-x', usage: { inputTokens: 1000, cachedInputTokens: 600, cacheWriteInputTokens: 100 } },
    { type: 'reasoning-start', id: 'r', provider: 'anthropic' },
    { type: 'reasoning-delta', id: 'r', delta: 'Let me think' },
    { type: 'reasoning-end', id: 'r', signature: 'SIG_xyz' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'I will run ' },
    { type: 'keepalive' },
    { type: 'text-delta', id: 't', delta: 'a command.' },
    { type: 'text-end', id: 't' },
    { type: 'tool-call-start', id: 'toolu_01ABC', name: 'Bash', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'toolu_01ABC', delta: '{"command": "ec' },
    { type: 'tool-call-delta', id: 'toolu_01ABC', delta: 'ho hi"}' },
    { type: 'tool-call-end', id: 'toolu_01ABC' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'tool_calls' },
  ]);
  assert.deepEqual(
    frames.map((f) => (f.event === 'content_block_delta' ? `${f.event}:${(f.data.delta as { type: string }).type}` : f.event)),
    [
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta:thinking_delta',
      'content_block_delta:signature_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta:text_delta',
      'ping',
      'content_block_delta:text_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta:input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ],
  );
  assert.deepEqual(frames[0].data, {
    type: 'message_start',
    message: {
      id: 'msg_test_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-8', // the requested model, not the upstream's
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 300, cache_creation_input_tokens: 100, cache_read_input_tokens: 600, output_tokens: 1 },
    },
  });
  assert.deepEqual(frames[2].data.content_block, { type: 'thinking', thinking: '', signature: '' });
  assert.deepEqual(frames[4].data.delta, { type: 'signature_delta', signature: 'SIG_xyz' });
  assert.deepEqual(frames[6].data.content_block, { type: 'text', text: '' });
  assert.deepEqual(frames[11].data.content_block, { type: 'tool_use', id: 'toolu_01ABC', name: 'Bash', input: {} });
  assert.deepEqual(frames[12].data.delta, { type: 'input_json_delta', partial_json: '{"command": "echo hi"}' });
  assert.deepEqual(frames[14].data, {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 42, input_tokens: 300, cache_read_input_tokens: 600, cache_creation_input_tokens: 100 },
  });
});

test('interleaved parallel tool calls come out contiguous, in start order, with valid JSON', async () => {
  const frames = await encode([
    { type: 'start' },
    { type: 'tool-call-start', id: 'a', name: 'Read', toolKind: 'function' },
    { type: 'tool-call-start', id: 'b', name: 'Write', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'b', delta: '{"path":' },
    { type: 'tool-call-delta', id: 'a', delta: '{"file_path":"/a"' },
    { type: 'tool-call-delta', id: 'b', delta: '"/b"}' },
    { type: 'tool-call-end', id: 'b' },
    { type: 'tool-call-delta', id: 'a', delta: '}' },
    { type: 'tool-call-end', id: 'a' },
    { type: 'tool-call-start', id: 'c', name: 'Empty', toolKind: 'function' },
    { type: 'tool-call-end', id: 'c' },
    { type: 'tool-call-start', id: 'd', name: 'Broken', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'd', delta: '{"x": tru' },
    { type: 'tool-call-end', id: 'd' },
    { type: 'tool-call-start', id: 'e', name: 'apply_patch', toolKind: 'custom' },
    { type: 'tool-call-delta', id: 'e', delta: '*** Begin Patch\n"quoted"' },
    { type: 'tool-call-end', id: 'e' },
    { type: 'tool-call-start', id: 'f', name: 'Unfinished', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'f', delta: '{"n":1}' },
    { type: 'finish', reason: 'stop' }, // upstream said stop after tool calls
  ]);
  const blocks: Array<{ id: string; name: string; json: string; startInput: unknown }> = [];
  for (const { event, data } of frames) {
    if (event === 'content_block_start') {
      const cb = data.content_block as { id: string; name: string; input: unknown };
      blocks.push({ id: cb.id, name: cb.name, json: '', startInput: cb.input });
    }
    if (event === 'content_block_delta') {
      const d = data.delta as { type: string; partial_json: string };
      assert.equal(d.type, 'input_json_delta');
      blocks.at(-1)!.json += d.partial_json;
    }
  }
  assert.deepEqual(
    blocks.map((b) => [b.id, JSON.parse(b.json)]),
    [
      ['a', { file_path: '/a' }],
      ['b', { path: '/b' }],
      ['c', {}],
      ['d', {}],
      ['e', { input: '*** Begin Patch\n"quoted"' }],
      ['f', { n: 1 }],
    ],
  );
  assert.ok(blocks.every((b) => JSON.stringify(b.startInput) === '{}'), 'input only through input_json_delta');
  const delta = frames.find((f) => f.event === 'message_delta')!;
  assert.equal((delta.data.delta as { stop_reason: string }).stop_reason, 'tool_use');
});

test('long tool input is split into several input_json_delta chunks', async () => {
  const content = 'é😀'.repeat(3000); // surrogate pairs must not be cut
  const frames = await encode([
    { type: 'tool-call-start', id: 'w', name: 'Write', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'w', delta: JSON.stringify({ file_path: '/x', content }) },
    { type: 'tool-call-end', id: 'w' },
    { type: 'finish', reason: 'tool_calls' },
  ]);
  const parts = frames.filter((f) => f.event === 'content_block_delta').map((f) => (f.data.delta as { partial_json: string }).partial_json);
  assert.ok(parts.length > 1);
  assert.ok(parts.every((p) => !/[\ud800-\udbff]$/.test(p)));
  assert.equal((JSON.parse(parts.join('')) as { content: string }).content, content);
});

test('stop reasons, stop sequence and usage defaults', async () => {
  const cases: Array<[IrStreamEvent & { type: 'finish' }, string, string | null]> = [
    [{ type: 'finish', reason: 'stop' }, 'end_turn', null],
    [{ type: 'finish', reason: 'length' }, 'max_tokens', null],
    [{ type: 'finish', reason: 'stop_sequence', stopSequence: 'END' }, 'stop_sequence', 'END'],
    [{ type: 'finish', reason: 'content_filter' }, 'refusal', null],
    [{ type: 'finish', reason: 'pause' }, 'pause_turn', null],
    [{ type: 'finish', reason: 'other' }, 'end_turn', null],
    [{ type: 'finish', reason: 'tool_calls' }, 'tool_use', null],
  ];
  for (const [finish, reason, seq] of cases) {
    const frames = await encode([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'x' }, { type: 'text-end', id: 't' }, finish]);
    // message_start without a start event: zero usage and output_tokens 1.
    assert.deepEqual((frames[0].data.message as { usage: unknown }).usage, {
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 1,
    });
    const delta = frames.at(-2)!;
    assert.deepEqual(delta.data.delta, { stop_reason: reason, stop_sequence: seq });
    assert.equal(frames.at(-1)!.event, 'message_stop');
  }
  // Usage on the finish event wins; input never goes negative.
  const frames = await encode([{ type: 'finish', reason: 'stop', usage: { inputTokens: 10, cachedInputTokens: 50, outputTokens: 3 } }]);
  assert.deepEqual(frames.at(-2)!.data.usage, { output_tokens: 3, input_tokens: 0, cache_read_input_tokens: 50, cache_creation_input_tokens: 0 });
});

test('an IR error becomes event: error with the Anthropic type and stops the stream', async () => {
  const cases: Array<[LynkrError, string]> = [
    [new LynkrError('overloaded', 'Overloaded'), 'overloaded_error'],
    [new LynkrError('rate_limited', 'slow down'), 'rate_limit_error'],
    [new LynkrError('upstream_error', 'reset by peer'), 'api_error'],
    [new LynkrError('upstream_timeout', 'idle'), 'api_error'],
    [new LynkrError('context_length_exceeded', 'prompt is too long: 210000 tokens > 200000 maximum'), 'invalid_request_error'],
  ];
  for (const [error, type] of cases) {
    const frames = await encode([
      { type: 'start' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'partial' },
      { type: 'error', error },
      { type: 'text-delta', id: 't', delta: 'ignored' },
      { type: 'finish', reason: 'stop' },
    ]);
    const last = frames.at(-1)!;
    assert.equal(last.event, 'error');
    assert.deepEqual(last.data, { type: 'error', error: { type, message: error.message } });
    assert.equal(frames.filter((f) => f.event === 'message_stop' || f.event === 'message_delta').length, 0);
  }
});

test('input that ends without finish ends with an api_error event', async () => {
  const chunks = await collect(
    codec.encodeStream(from<IrStreamEvent>([{ type: 'start' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'cut' }]), ingressContext(EMPTY_REQUEST)),
  );
  const frames = parseSse(chunks.join(''));
  assert.equal(frames.at(-1)!.event, 'error');
  assert.equal((frames.at(-1)!.data.error as { type: string }).type, 'api_error');
});

test('empty blocks are not sent; redacted thinking and unsigned reasoning', async () => {
  const frames = await encode([
    { type: 'start' },
    { type: 'text-start', id: 'empty' },
    { type: 'text-delta', id: 'empty', delta: '' },
    { type: 'text-end', id: 'empty' },
    { type: 'reasoning-start', id: 'red' },
    { type: 'reasoning-end', id: 'red', redactedData: 'ENCRYPTED' },
    { type: 'reasoning-start', id: 'ds', provider: 'deepseek' },
    { type: 'reasoning-delta', id: 'ds', delta: 'hmm' },
    { type: 'reasoning-end', id: 'ds' },
    { type: 'reasoning-start', id: 'omitted', provider: 'anthropic' },
    { type: 'reasoning-end', id: 'omitted', signature: 'SIG_only' },
    { type: 'opaque', dialect: 'openai-responses', value: { type: 'web_search_call' } },
    { type: 'opaque', dialect: 'anthropic-messages', value: { type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: 'q' } } },
    { type: 'finish', reason: 'stop' },
  ]);
  const starts = frames.filter((f) => f.event === 'content_block_start').map((f) => f.data.content_block);
  assert.deepEqual(starts, [
    { type: 'redacted_thinking', data: 'ENCRYPTED' },
    { type: 'thinking', thinking: '', signature: '' },
    { type: 'thinking', thinking: '', signature: '' },
    { type: 'server_tool_use', id: 's1', name: 'web_search', input: {} },
  ]);
  const sigs = frames.filter((f) => (f.data.delta as { type?: string } | undefined)?.type === 'signature_delta').map((f) => (f.data.delta as { signature: string }).signature);
  assert.deepEqual(sigs, ['', 'SIG_only']); // unsigned reasoning gets an empty signature (display only)
});
