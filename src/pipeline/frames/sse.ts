/**
 * @module pipeline/frames/sse
 * Server-Sent Events → parsed JSON payloads, for upstreams that stream SSE (OpenAI chat,
 * Anthropic Messages, OpenAI Responses). Parsing is eventsource-parser's; this stage only
 * decodes bytes, drops the `[DONE]` sentinel and JSON-parses each `data:` field. A payload
 * that is not JSON becomes `{ error: { message } }`, which every decoder treats as an
 * upstream error, so garbage never passes silently.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export async function* sseJsonPayloads(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => queue.push(event) });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    while (queue.length > 0) {
      const payload = toPayload(queue.shift()!);
      if (payload !== undefined) yield payload;
    }
  }
  parser.feed(decoder.decode() + '\n\n');
  while (queue.length > 0) {
    const payload = toPayload(queue.shift()!);
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
