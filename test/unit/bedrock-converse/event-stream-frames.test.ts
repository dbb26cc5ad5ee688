/**
 * pipeline/frames/aws-event-stream: binary event-stream messages (encoded with AWS's own
 * EventStreamCodec) → `{ [eventType]: payload }`, whatever the network chunking; exceptions and
 * error messages; corrupt and truncated input.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { LynkrError } from '../../../src/ir/errors.js';
import { awsEventStreamPayloads } from '../../../src/pipeline/frames/aws-event-stream.js';
import { collect } from './helpers.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });

function message(headers: Record<string, string>, body: string): Uint8Array {
  return codec.encode({ headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, str(v)])), body: fromUtf8(body) });
}

const event = (type: string, payload: unknown) =>
  message({ ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' }, JSON.stringify(payload));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

const STREAM = concat([
  event('messageStart', { role: 'assistant', p: 'abc' }),
  event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'héllo ✓ 👋' } }),
  event('contentBlockStop', { contentBlockIndex: 0 }),
  event('messageStop', { stopReason: 'end_turn' }),
  event('metadata', { usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 } }),
]);

test('messages survive any chunk split, multi-byte text included', async () => {
  const expected = [
    { messageStart: { role: 'assistant', p: 'abc' } },
    { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'héllo ✓ 👋' } } },
    { contentBlockStop: { contentBlockIndex: 0 } },
    { messageStop: { stopReason: 'end_turn' } },
    { metadata: { usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 } } },
  ];
  for (const size of [1, 2, 3, 7, 13, 64, 100_000]) {
    assert.deepEqual(await collect(awsEventStreamPayloads(chunks(STREAM, size))), expected, `chunk size ${size}`);
  }
});

test('exception and error messages keep their type; a non-JSON body becomes an error payload', async () => {
  const bytes = concat([
    message({ ':exception-type': 'throttlingException', ':content-type': 'application/json', ':message-type': 'exception' }, '{"message":"slow down"}'),
    message({ ':message-type': 'error', ':error-code': 'InternalFailure', ':error-message': 'internal error' }, ''),
    message({ ':event-type': 'contentBlockDelta', ':message-type': 'event' }, 'not json'),
    message({ ':event-type': 'messageStart', ':message-type': 'event' }, ''),
  ]);
  const out = await collect(awsEventStreamPayloads(chunks(bytes, 5)));
  assert.deepEqual(out[0], { throttlingException: { message: 'slow down' } });
  assert.deepEqual(out[1], { error: { code: 'InternalFailure', message: 'internal error' } });
  assert.match((out[2] as { error: { message: string } }).error.message, /contentBlockDelta message that is not JSON/);
  assert.deepEqual(out[3], { messageStart: {} });
});

test('a corrupted message fails its CRC check and ends the stream with an upstream error', async () => {
  const bad = STREAM.slice();
  bad[40] ^= 0xff; // inside the first message's headers or body
  await assert.rejects(collect(awsEventStreamPayloads(chunks(bad, 16))), (err: unknown) => {
    assert.ok(LynkrError.isInstance(err));
    assert.equal(err.code, 'upstream_error');
    assert.match(err.message, /malformed AWS event stream: .*checksum/i);
    return true;
  });
});

test('a stream cut inside a message is an error after the complete ones', async () => {
  const cut = STREAM.slice(0, STREAM.length - 10);
  const seen: unknown[] = [];
  await assert.rejects(
    (async () => {
      for await (const p of awsEventStreamPayloads(chunks(cut, 9))) seen.push(p);
    })(),
    /ended inside a message/,
  );
  assert.equal(seen.length, 4);
});

test('an impossible length prefix (e.g. a JSON error body sent as the stream) is refused at once', async () => {
  const json = new TextEncoder().encode('{"message":"Internal Server Error"}');
  await assert.rejects(collect(awsEventStreamPayloads(chunks(json, 100))), /message length of/);
});
