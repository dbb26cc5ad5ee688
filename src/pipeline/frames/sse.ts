/**
 * @module pipeline/frames/sse
 * Server-Sent Events → parsed JSON payloads, for upstreams that stream SSE (OpenAI chat,
 * Anthropic Messages, OpenAI Responses). Parsing is eventsource-parser's; this stage only
 * decodes bytes, drops the `[DONE]` sentinel and JSON-parses each `data:` field. A payload
 * that is not JSON becomes `{ error: { message } }`, which every decoder treats as an
 * upstream error, so garbage never passes silently. A body left early (the decoder saw the
 * final event) is released by `body-chunks.ts`.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { bodyChunks } from './body-chunks.js';

const STREAM = { stream: true } as const;

export async function* sseJsonPayloads(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => queue.push(event) });
  const decoder = new TextDecoder();
  const source = bodyChunks(body);
  try {
    for await (const chunk of source.chunks) {
      parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, STREAM));
      for (let i = 0; i < queue.length; i++) {
        const payload = toPayload(queue[i]);
        if (payload !== undefined) yield payload;
      }
      queue.length = 0;
    }
  } finally {
    source.release();
  }
  parser.feed(decoder.decode() + '\n\n');
  for (const event of queue) {
    const payload = toPayload(event);
    if (payload !== undefined) yield payload;
  }
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
