/**
 * @module dialects/shared/encode-with
 * Drives a synchronous `StreamEncoder` over an IR stream: the `encodeStream` of every codec
 * that has a `createStreamEncoder`. A stream that throws (it should not: failures travel as
 * `error` events) still ends with the dialect's in-stream error.
 */
import { toLynkrError } from '../../ir/errors.js';
import type { IrStream } from '../../ir/types.js';
import type { StreamEncoder } from '../types.js';

export async function* encodeWith(events: IrStream, encoder: StreamEncoder): AsyncGenerator<string> {
  const head = encoder.begin();
  if (head) yield head;
  try {
    for await (const ev of events) {
      const out = encoder.push(ev);
      if (out) yield out;
      if (encoder.done) return;
    }
  } catch (err) {
    const out = encoder.push({ type: 'error', error: toLynkrError(err) });
    if (out) yield out;
    return;
  }
  const tail = encoder.end();
  if (tail) yield tail;
}
