/**
 * @module pipeline/frames/sse
 * Server-Sent Events → parsed JSON payloads, for upstreams that stream SSE (OpenAI chat,
 * Anthropic Messages, OpenAI Responses). Parsing is eventsource-parser's; this stage only
 * decodes bytes, drops the `[DONE]` sentinel and JSON-parses each `data:` field. A payload
 * that is not JSON becomes `{ error: { message } }`, which every decoder treats as an
 * upstream error, so garbage never passes silently. A body left early (the decoder saw the
 * final event) is released by `body-chunks.ts`.
 */
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { framedPayloads, type Framer } from './framer.js';

const STREAM = { stream: true } as const;

export class SseJsonFramer implements Framer {
  readonly #decoder = new TextDecoder();
  #out: unknown[] = [];
  readonly #parser: EventSourceParser = createParser({
    onEvent: (event) => {
      const payload = toPayload(event);
      if (payload !== undefined) this.#out.push(payload);
    },
  });

  push(chunk: Uint8Array | string): unknown[] {
    this.#parser.feed(typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, STREAM));
    return this.#take();
  }

  end(): unknown[] {
    this.#parser.feed(this.#decoder.decode() + '\n\n');
    return this.#take();
  }

  #take(): unknown[] {
    if (this.#out.length === 0) return [];
    const out = this.#out;
    this.#out = [];
    return out;
  }
}

export function sseJsonPayloads(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  return framedPayloads(body, new SseJsonFramer());
}

function toPayload(event: EventSourceMessage): unknown {
  const data = event.data.trim();
  if (data === '' || data === '[DONE]') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return { error: { message: `Upstream sent an SSE event that is not JSON: ${data.slice(0, 200)}` } };
  }
}
