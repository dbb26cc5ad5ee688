/**
 * @module dialects/openai-responses/encode-stream
 * The Responses ingress stream stage: IR events → SSE text for Codex and the OpenAI SDKs
 * (wire-contract §3.1–§3.3). The event mapping lives in the pure `ResponsesStreamTranslator`;
 * this stage only drives it and frames each event as `event: <type>\ndata: <json>\n\n`.
 *
 * The stage never throws: if the IR stream itself throws, the client still gets a
 * `response.failed` (Codex retries it) instead of a torn connection.
 */
import { toLynkrError } from '../../ir/errors.js';
import type { IrStream } from '../../ir/types.js';
import type { IngressContext } from '../types.js';
import { ResponsesStreamTranslator, type ResponsesStreamEvent } from './stream-translator.js';

/** One SSE frame. Codex dispatches on `data.type`; the `event:` line serves other SSE readers. */
export function formatSseFrame(event: ResponsesStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

function frames(events: readonly ResponsesStreamEvent[]): string {
  return events.map(formatSseFrame).join('');
}

/**
 * Encodes an IR stream as Responses SSE. Each yielded chunk holds the whole frames for one
 * IR event; the last one is `response.completed`, `response.incomplete` or `response.failed`.
 * @example
 *   for await (const chunk of encodeStream(irEvents, ctx)) res.write(chunk);
 */
export async function* encodeStream(events: IrStream, ctx: IngressContext): AsyncGenerator<string> {
  const translator = new ResponsesStreamTranslator(ctx);
  yield frames(translator.begin());
  try {
    for await (const event of events) {
      const chunk = frames(translator.push(event));
      if (chunk) yield chunk;
      if (translator.ended) return;
    }
  } catch (err) {
    yield frames(translator.fail(toLynkrError(err)));
    return;
  }
  const tail = frames(translator.end());
  if (tail) yield tail;
}
