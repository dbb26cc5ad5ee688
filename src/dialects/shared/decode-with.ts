/**
 * @module dialects/shared/decode-with
 * Drives a synchronous `StreamDecoder` over an async iterable of payloads: the
 * `decodeStream` of every codec that has a `createStreamDecoder`. Stops reading once the
 * decoder saw its final event, and asks it to `end()` when the payloads ran out first.
 */
import type { IrStream } from '../../ir/types.js';
import type { StreamDecoder } from '../types.js';

export async function* decodeWith(payloads: AsyncIterable<unknown>, decoder: StreamDecoder): IrStream {
  for await (const payload of payloads) {
    for (const ev of decoder.push(payload)) yield ev;
    if (decoder.ended) return;
  }
  for (const ev of decoder.end()) yield ev;
}
