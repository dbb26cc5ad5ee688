/**
 * @module providers/decode-body
 * An upstream body → IR events in one loop: each network chunk is framed (SSE or NDJSON)
 * and decoded synchronously, and the events it completed are handed on together, as one
 * batch (`ir/event-batches.ts`; read per event, it is an ordinary IR stream). One async step per
 * network chunk instead of one per payload in each of three stacked generators (frames,
 * decoder, error guard) — on a short answer that was a tenth of Lynkr's time per request
 * (docs/performance.md). A failure while reading (socket reset, idle time-out) becomes one
 * IR `error` event; a body left early, once the decoder saw its final event, is released
 * (drained back to the pool) by `body-chunks.ts`.
 */
import type { StreamDecoder } from '../dialects/types.js';
import { batchedStream } from '../ir/event-batches.js';
import type { IrStream, IrStreamEvent } from '../ir/types.js';
import { bodyChunks } from '../pipeline/frames/body-chunks.js';
import type { Framer } from '../pipeline/frames/framer.js';
import { LynkrError, toLynkrError } from '../ir/errors.js';
import { transportError } from './upstream-http.js';

export function decodeBody(body: AsyncIterable<Uint8Array | string>, framer: Framer, decoder: StreamDecoder, provider: string): IrStream {
  return batchedStream(() => decodeBatches(body, framer, decoder, provider));
}

/** The events of each network chunk, as one batch. */
async function* decodeBatches(body: AsyncIterable<Uint8Array | string>, framer: Framer, decoder: StreamDecoder, provider: string): AsyncGenerator<IrStreamEvent[]> {
  const source = bodyChunks(body);
  try {
    for await (const chunk of source.chunks) {
      const batch = decodePayloads(framer.push(chunk), decoder);
      if (batch.length > 0) yield batch;
      if (decoder.ended) return;
    }
  } catch (err) {
    if (!decoder.ended) yield [{ type: 'error', error: streamFailure(err, provider) }];
    return;
  } finally {
    source.release();
  }
  const batch = decodePayloads(framer.end(), decoder);
  if (!decoder.ended) for (const ev of decoder.end()) batch.push(ev);
  if (batch.length > 0) yield batch;
}

function decodePayloads(payloads: unknown[], decoder: StreamDecoder): IrStreamEvent[] {
  const batch: IrStreamEvent[] = [];
  for (const payload of payloads) {
    for (const ev of decoder.push(payload)) batch.push(ev);
    if (decoder.ended) break;
  }
  return batch;
}

/** An exception thrown while reading an upstream stream, as the LynkrError its `error` event carries. */
export function streamFailure(err: unknown, provider: string): LynkrError {
  return LynkrError.isInstance(err) ? err : isTransport(err) ? transportError(err, provider) : toLynkrError(err);
}

function isTransport(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return typeof code === 'string' && (code.startsWith('UND_ERR') || code.startsWith('E'));
}
