/**
 * decodeStream over ConverseStream events stored one a line in fixtures/*.jsonl (written after the
 * ConverseStream API reference: text, tool use, Claude reasoning with signature and redacted
 * content, max_tokens, stop sequence, an exception mid-stream, a stream cut before messageStop).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bedrockConverseCodec as codec } from '../../../src/dialects/bedrock-converse/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { assertIrLifecycle, collect, from, jsonl } from './helpers.js';

async function decode(name: string): Promise<IrStreamEvent[]> {
  const events = await collect(codec.decodeStream(from(jsonl(name))));
  assertIrLifecycle(events);
  return events;
}

const deltas = (events: IrStreamEvent[], type: 'text-delta' | 'reasoning-delta' | 'tool-call-delta') =>
  events.filter((e): e is Extract<IrStreamEvent, { delta: string }> => e.type === type).map((e) => e.delta);

test('text: start, one text block streamed live, usage, finish stop', async () => {
  assert.deepEqual(await decode('text'), [
    { type: 'start' },
    { type: 'text-start', id: 'text-0' },
    { type: 'text-delta', id: 'text-0', delta: 'Hello' },
    { type: 'text-delta', id: 'text-0', delta: '! How can I help?' },
    { type: 'text-end', id: 'text-0' },
    { type: 'usage', usage: { inputTokens: 12, outputTokens: 9, cachedInputTokens: 0, cacheWriteInputTokens: 0 } },
    { type: 'finish', reason: 'stop', rawReason: 'end_turn', usage: { inputTokens: 12, outputTokens: 9, cachedInputTokens: 0, cacheWriteInputTokens: 0 } },
  ]);
});

test('tool use: text, then each call whole with its Bedrock id; a call without input gets {}', async () => {
  const events = await decode('tool-use');
  assert.deepEqual(
    events.filter((e) => e.type.startsWith('tool-call')),
    [
      { type: 'tool-call-start', id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'get_weather', toolKind: 'function' },
      { type: 'tool-call-delta', id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', delta: '{"city": "Paris", "unit": "C"}' },
      { type: 'tool-call-end', id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q' },
      { type: 'tool-call-start', id: 'tooluse_9Xbq1T2aSgW3mJ0c7Y8oXw', name: 'get_time', toolKind: 'function' },
      { type: 'tool-call-delta', id: 'tooluse_9Xbq1T2aSgW3mJ0c7Y8oXw', delta: '{}' },
      { type: 'tool-call-end', id: 'tooluse_9Xbq1T2aSgW3mJ0c7Y8oXw' },
    ],
  );
  assert.deepEqual(deltas(events, 'text-delta'), ["I'll check the weather."]);
  const finish = events.at(-1);
  assert.equal(finish?.type === 'finish' && finish.reason, 'tool_calls');
});

test('reasoning: text and signature on reasoning-end, redacted content, marked as Bedrock reasoning; cache usage counted in the prompt', async () => {
  const events = await decode('reasoning');
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
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'usage',
      'finish',
    ],
  );
  assert.deepEqual(events[1], { type: 'reasoning-start', id: 'reasoning-0', provider: 'bedrock' });
  assert.deepEqual(events[4], { type: 'reasoning-end', id: 'reasoning-0', signature: 'EqoBCkgIBRABGAIiQL1xPpK3eTc' });
  assert.deepEqual(events[6], { type: 'reasoning-end', id: 'reasoning-1', redactedData: 'RXFvQkNrZ0lCUkFCR0FJaVFM' });
  assert.equal(deltas(events, 'reasoning-delta').join(''), 'The user wants a file listing. I should run ls.');
  // wire-contract §6.2, Bedrock row: input = inputTokens + cacheRead + cacheWrite
  assert.deepEqual(events.at(-2), { type: 'usage', usage: { inputTokens: 2035, outputTokens: 96, cachedInputTokens: 1800, cacheWriteInputTokens: 200 } });
});

test('max_tokens → length; stop_sequence carries the matched sequence', async () => {
  const long = (await decode('max-tokens')).at(-1);
  assert.deepEqual(long && long.type === 'finish' && [long.reason, long.rawReason], ['length', 'max_tokens']);
  const stop = (await decode('stop-sequence')).at(-1);
  assert.deepEqual(stop && stop.type === 'finish' && [stop.reason, stop.stopSequence], ['stop_sequence', '4']);
});

test('an exception mid-stream ends the stream with a rate-limit error that says when to retry', async () => {
  const events = await decode('throttled-mid-stream');
  const last = events.at(-1)!;
  assert.equal(last.type, 'error');
  assert.ok(last.type === 'error' && LynkrError.isInstance(last.error));
  assert.equal(last.type === 'error' && last.error.code, 'rate_limited');
  assert.equal(last.type === 'error' && last.error.retryAfterSeconds, 5);
  assert.match(last.type === 'error' ? last.error.message : '', /throttlingException: Too many tokens/);
  assert.deepEqual(deltas(events, 'text-delta'), ['Partial ans']);
});

test('modelStreamErrorException, validationException and the event stream error message map by type', async () => {
  const cases: Array<[unknown, string]> = [
    [{ modelStreamErrorException: { message: 'Model stream error', originalStatusCode: 500, originalMessage: 'boom' } }, 'upstream_error'],
    [{ validationException: { message: 'Input is too long for requested model.' } }, 'context_length_exceeded'],
    [{ serviceUnavailableException: { message: 'Service unavailable' } }, 'overloaded'],
    [{ error: { code: 'InternalFailure', message: 'We encountered an internal error.' } }, 'upstream_error'],
  ];
  for (const [payload, code] of cases) {
    const events = await collect(codec.decodeStream(from([{ messageStart: { role: 'assistant' } }, payload])));
    assertIrLifecycle(events);
    const last = events.at(-1)!;
    assert.equal(last.type === 'error' && last.error.code, code, JSON.stringify(payload));
  }
});

test('a stream that stops before messageStop is an error, not a short answer', async () => {
  const last = (await decode('truncated')).at(-1)!;
  assert.equal(last.type, 'error');
  assert.match(last.type === 'error' ? last.error.message : '', /ended before the message was complete/);
});

test('unknown events and non-object payloads are ignored', async () => {
  const events = await collect(
    codec.decodeStream(from(['x', null, { somethingNew: { a: 1 } }, ...jsonl('text')])),
  );
  assertIrLifecycle(events);
  assert.deepEqual(deltas(events, 'text-delta'), ['Hello', '! How can I help?']);
});
