/**
 * @module pipeline/frames/framer
 * The contract of a frame parser, and the one loop that drives it over an upstream body.
 * A framer is synchronous: `push` takes one network chunk (bytes or text) and returns the
 * parsed payloads it completed, `end` flushes what is left once the body ended. Being
 * synchronous, it can run inside the same loop as a synchronous stream decoder
 * (`providers/decode-body.ts`), so one network chunk costs one async step, not one per
 * payload and layer (docs/performance.md).
 */
import { bodyChunks } from './body-chunks.js';

export interface Framer {
  /** One network chunk → the payloads it completed (often several, sometimes none). */
  push(chunk: Uint8Array | string): unknown[];
  /** The body ended: whatever a last unterminated frame held. */
  end(): unknown[];
}

/** Payloads of `body` framed by `framer`, one at a time; a body left early is released (body-chunks.ts). */
export async function* framedPayloads(body: AsyncIterable<Uint8Array | string>, framer: Framer): AsyncGenerator<unknown> {
  const source = bodyChunks(body);
  try {
    for await (const chunk of source.chunks) for (const payload of framer.push(chunk)) yield payload;
  } finally {
    source.release();
  }
  for (const payload of framer.end()) yield payload;
}
