/**
 * @module pipeline/frames/ndjson
 * Newline-delimited JSON → parsed objects, for Ollama's native streaming (`/api/chat`
 * answers `application/x-ndjson`, one JSON object a line). Lines can be split across
 * network chunks at any byte; a partial line waits for its newline. A line that is not
 * JSON becomes `{ error }`, Ollama's own error shape, so decoders report it. A body left
 * early (the decoder saw `done`) is released by `body-chunks.ts`.
 */
import { framedPayloads, type Framer } from './framer.js';

const STREAM = { stream: true } as const;

export class NdjsonFramer implements Framer {
  readonly #decoder = new TextDecoder();
  #buffer = '';

  push(chunk: Uint8Array | string): unknown[] {
    const out: unknown[] = [];
    let buffer = this.#buffer + (typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, STREAM));
    // Walk the complete lines by index and cut the buffer once per chunk, not once per line.
    let start = 0;
    let nl: number;
    while ((nl = buffer.indexOf('\n', start)) >= 0) {
      const payload = parseLine(buffer.slice(start, nl));
      start = nl + 1;
      if (payload !== undefined) out.push(payload);
    }
    if (start > 0) buffer = buffer.slice(start);
    this.#buffer = buffer;
    return out;
  }

  end(): unknown[] {
    const last = parseLine(this.#buffer + this.#decoder.decode());
    this.#buffer = '';
    return last === undefined ? [] : [last];
  }
}

export function ndjsonPayloads(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  return framedPayloads(body, new NdjsonFramer());
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
