/**
 * decodeStream over Anthropic SSE payloads stored one `data:` JSON per line in
 * fixtures/*.jsonl, written after Anthropic's documented streaming examples
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesCodec as codec } from '../../../src/dialects/anthropic-messages/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { assertIrLifecycle, collect, from, jsonl } from './helpers.js';

async function decode(name: string): Promise<IrStreamEvent[]> {
  const events = await collect(codec.decodeStream(from(jsonl(name))));
  assertIrLifecycle(events);
  return events;
}

const text = (events: IrStreamEvent[]) =>
  events
    .filter((e): e is Extract<IrStreamEvent, { type: 'text-delta' }> => e.type === 'text-delta')
    .map((e) => e.delta)
    .join('');

test('text stream: start, one text block, usage with cache counts, finish stop', async () => {
  const events = await decode('text');
  assert.deepEqual(events, [
    {
      type: 'start',
      id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
      model: 'claude-sonnet-4-5-20250929',
      usage: { inputTokens: 2125, cachedInputTokens: 2000, cacheWriteInputTokens: 100, outputTokens: 1 },
    },
    { type: 'text-start', id: 'text-0' },
    { type: 'text-delta', id: 'text-0', delta: 'Hello' },
    { type: 'text-delta', id: 'text-0', delta: '!' },
    { type: 'text-end', id: 'text-0' },
    { type: 'usage', usage: { inputTokens: 2125, outputTokens: 15, cachedInputTokens: 2000, cacheWriteInputTokens: 100 } },
    {
      type: 'finish',
      reason: 'stop',
      rawReason: 'end_turn',
      usage: { inputTokens: 2125, outputTokens: 15, cachedInputTokens: 2000, cacheWriteInputTokens: 100 },
    },
  ]);
});

test('thinking stream: reasoning with the accumulated signature, redacted thinking, then text', async () => {
  const events = await decode('thinking');
  assert.deepEqual(
    events.map((e) => e.type),
    [
      'start',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-end',
      'reasoning-start',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'usage',
      'finish',
    ],
  );
  assert.deepEqual(events[1], { type: 'reasoning-start', id: 'reasoning-0', provider: 'anthropic' });
  assert.deepEqual(events[4], { type: 'reasoning-end', id: 'reasoning-0', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+0q' });
  assert.deepEqual(events[6], { type: 'reasoning-end', id: 'reasoning-1', redactedData: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP' });
  assert.equal(text(events), 'The greatest common divisor of 1071 and 462 is **21**.');
});

test('tool_use stream: input_json_delta split mid-token concatenates to the input', async () => {
  const events = await decode('tool-use');
  const start = events.find((e) => e.type === 'tool-call-start');
  assert.deepEqual(start, { type: 'tool-call-start', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', toolKind: 'function' });
  const args = events
    .filter((e): e is Extract<IrStreamEvent, { type: 'tool-call-delta' }> => e.type === 'tool-call-delta')
    .map((e) => e.delta);
  assert.equal(args.length, 8); // the empty first fragment is not forwarded
  assert.deepEqual(JSON.parse(args.join('')), { location: 'San Francisco, CA', unit: 'fahrenheit' });
  const finish = events.at(-1) as Extract<IrStreamEvent, { type: 'finish' }>;
  assert.equal(finish.reason, 'tool_calls');
  assert.equal(finish.usage?.outputTokens, 89);
  assert.equal(finish.usage?.inputTokens, 472);
  assert.equal(text(events), "Okay, let's check the weather.");
});

test('error event mid-stream becomes an IR error (overloaded) and ends the stream', async () => {
  const events = await decode('error-mid-stream');
  const last = events.at(-1)!;
  assert.equal(last.type, 'error');
  assert.ok(last.type === 'error' && LynkrError.isInstance(last.error));
  assert.equal(last.type === 'error' && last.error.code, 'overloaded');
  assert.equal(last.type === 'error' && last.error.message, 'Overloaded');
  assert.equal(events.filter((e) => e.type === 'finish').length, 0);
});

test('max_tokens and stop_sequence stop reasons', async () => {
  const max = (await decode('max-tokens')).at(-1) as Extract<IrStreamEvent, { type: 'finish' }>;
  assert.equal(max.reason, 'length');
  assert.equal(max.rawReason, 'max_tokens');
  const seq = (await decode('stop-sequence')).at(-1) as Extract<IrStreamEvent, { type: 'finish' }>;
  assert.equal(seq.reason, 'stop_sequence');
  assert.equal(seq.stopSequence, '4');
});

test('server tool blocks arrive whole as opaque events, input assembled from its deltas', async () => {
  const events = await decode('web-search');
  const opaque = events.filter((e) => e.type === 'opaque');
  assert.equal(opaque.length, 2);
  assert.deepEqual(opaque[0], {
    type: 'opaque',
    dialect: 'anthropic-messages',
    value: { type: 'server_tool_use', id: 'srvtoolu_014hJH82Qum7Td6UV8gDXThB', name: 'web_search', input: { query: 'weather NYC today' } },
  });
  assert.equal((opaque[1] as { value: { type: string } }).value.type, 'web_search_tool_result');
  const finish = events.at(-1) as Extract<IrStreamEvent, { type: 'finish' }>;
  assert.equal(finish.usage?.inputTokens, 10682); // message_delta's cumulative input overrides message_start
  assert.equal(finish.usage?.outputTokens, 510);
});

test('other error types, a truncated stream and a missing message_stop', async () => {
  const start = jsonl('text')[0];
  const errorOf = async (error: unknown) => {
    const events = await collect(codec.decodeStream(from([start, { type: 'error', error }])));
    const last = events.at(-1)!;
    return last.type === 'error' ? last.error.code : undefined;
  };
  assert.equal(await errorOf({ type: 'rate_limit_error', message: 'slow' }), 'rate_limited');
  assert.equal(await errorOf({ type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' }), 'context_length_exceeded');
  assert.equal(await errorOf({ type: 'api_error', message: 'Internal server error' }), 'upstream_error');

  // Cut before message_delta: an error, not a finish, so the client retries.
  const truncated = await collect(codec.decodeStream(from(jsonl('text').slice(0, 4))));
  assert.equal(truncated.at(-1)!.type, 'error');
  assert.equal(truncated.filter((e) => e.type === 'finish').length, 0);

  // message_delta without message_stop is tolerated: open blocks close, then one finish.
  const lines = jsonl('max-tokens');
  const noStop = await collect(codec.decodeStream(from([...lines.slice(0, 3), lines[4]])));
  assertIrLifecycle(noStop);
  assert.equal((noStop.at(-1) as { reason: string }).reason, 'length');
});

test('tool input sent whole in content_block_start (compatible servers) is still delivered', async () => {
  const events = await collect(
    codec.decodeStream(
      from([
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: { a: 1 } } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 3 } },
        { type: 'message_stop' },
        { type: 'message_stop' },
      ]),
    ),
  );
  assertIrLifecycle(events);
  assert.deepEqual(events.find((e) => e.type === 'tool-call-delta'), { type: 'tool-call-delta', id: 't', delta: '{"a":1}' });
  assert.equal(events.filter((e) => e.type === 'finish').length, 1);
});
