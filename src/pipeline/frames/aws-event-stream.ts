/**
 * @module pipeline/frames/aws-event-stream
 * The binary AWS event stream (`application/vnd.amazon.eventstream`, Bedrock ConverseStream)
 * → one `{ [eventType]: payload }` object a message, the shape the AWS SDKs give each member
 * of an event-stream union (e.g. `{ contentBlockDelta: { contentBlockIndex, delta } }`).
 * Decoding a message — prelude and message CRC32 checks, typed headers — is
 * `@smithy/eventstream-codec`'s `EventStreamCodec`; this stage only cuts the byte stream at
 * each message's length prefix (the first 4 bytes of the prelude, big-endian total length)
 * and maps the `:message-type` header:
 * - `event`     → `{ [:event-type]: JSON body }`
 * - `exception` → `{ [:exception-type]: JSON body }` (a modelled error, e.g. `throttlingException`)
 * - `error`     → `{ error: { code: :error-code, message: :error-message } }`
 * A body that is not JSON becomes `{ error: { message } }`, as in the SSE stage. A corrupt
 * message or a stream that ends mid-message throws an `upstream_error` LynkrError.
 * @see https://smithy.io/2.0/aws/amazon-eventstream.html (message layout and message types)
 */
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { LynkrError } from '../../ir/errors.js';

/** Prelude (total length, headers length, prelude CRC) plus the trailing message CRC. */
const MIN_MESSAGE_BYTES = 16;
/** AWS caps one event-stream message at 16 MiB; a larger length prefix means corrupt input. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

type HeaderValue = { type: string; value: unknown };

export async function* awsEventStreamPayloads(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  let buffer: Uint8Array = new Uint8Array(0);
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? fromUtf8(chunk) : chunk;
    buffer = buffer.length === 0 ? bytes : concat(buffer, bytes);
    while (buffer.length >= 4) {
      const total = new DataView(buffer.buffer, buffer.byteOffset, 4).getUint32(0, false);
      if (total < MIN_MESSAGE_BYTES || total > MAX_MESSAGE_BYTES) throw malformed(`a message length of ${total} bytes`);
      if (buffer.length < total) break;
      yield toPayload(decode(codec, buffer.subarray(0, total)));
      buffer = buffer.subarray(total);
    }
  }
  if (buffer.length > 0) throw malformed(`a stream that ended inside a message (${buffer.length} bytes left)`);
}

function decode(codec: EventStreamCodec, message: Uint8Array): { headers: Record<string, HeaderValue>; body: Uint8Array } {
  try {
    return codec.decode(message) as { headers: Record<string, HeaderValue>; body: Uint8Array };
  } catch (err) {
    throw malformed(err instanceof Error ? err.message : String(err), err);
  }
}

function toPayload(message: { headers: Record<string, HeaderValue>; body: Uint8Array }): unknown {
  const header = (name: string): string | undefined => {
    const v = message.headers[name]?.value;
    return typeof v === 'string' ? v : undefined;
  };
  const messageType = header(':message-type') ?? 'event';
  if (messageType === 'error') {
    return { error: { code: header(':error-code') ?? 'UnknownError', message: header(':error-message') ?? 'event-stream error' } };
  }
  const name = messageType === 'exception' ? header(':exception-type') : header(':event-type');
  if (!name) return { error: { message: `event-stream ${messageType} message without a type header` } };
  const text = toUtf8(message.body).trim();
  if (text === '') return { [name]: {} };
  try {
    return { [name]: JSON.parse(text) as unknown };
  } catch {
    return { error: { message: `Upstream sent an event-stream ${name} message that is not JSON: ${text.slice(0, 200)}` } };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function malformed(detail: string, cause?: unknown): LynkrError {
  return new LynkrError('upstream_error', `Upstream sent a malformed AWS event stream: ${detail}`, { cause });
}
