/**
 * @module pipeline/frames/ndjson
 * Newline-delimited JSON → parsed objects, for Ollama's native streaming (`/api/chat`
 * answers `application/x-ndjson`, one JSON object a line). Lines can be split across
 * network chunks at any byte; a partial line waits for its newline. A line that is not
 * JSON becomes `{ error }`, Ollama's own error shape, so decoders report it. A body left
 * early (the decoder saw `done`) is released by `body-chunks.ts`.
 */
import { bodyChunks } from './body-chunks.js';

const STREAM = { stream: true } as const;

export async function* ndjsonPayloads(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  const source = bodyChunks(body);
  let buffer = '';
  try {
    for await (const chunk of source.chunks) {
      buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, STREAM);
      // Walk the complete lines by index and cut the buffer once per chunk, not once per line.
      let start = 0;
      let nl: number;
      while ((nl = buffer.indexOf('\n', start)) >= 0) {
        const payload = parseLine(buffer.slice(start, nl));
        start = nl + 1;
        if (payload !== undefined) yield payload;
      }
      if (start > 0) buffer = buffer.slice(start);
    }
  } finally {
    source.release();
  }
  buffer += decoder.decode();
  const last = parseLine(buffer);
  if (last !== undefined) yield last;
}

function parseLine(line: string): unknown {
  const text = line.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { error: `Upstream sent a line that is not JSON: ${text.slice(0, 200)}` };
  }
}
