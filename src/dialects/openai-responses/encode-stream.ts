/**
 * @module dialects/openai-responses/encode-stream
 * The Responses ingress stream stage: IR events → SSE text for Codex and the OpenAI SDKs
 * (wire-contract §3.1–§3.3). The event mapping lives in the pure `ResponsesStreamTranslator`;
 * this stage only drives it and frames each event as `event: <type>\ndata: <json>\n\n`.
 *
 * The stage never throws: if the IR stream itself throws, the client still gets a
 * `response.failed` (Codex retries it) instead of a torn connection.
 */
import type { IrStream, IrStreamEvent } from '../../ir/types.js';
import { encodeWith } from '../shared/encode-with.js';
import type { IngressContext, StreamEncoder } from '../types.js';
import { ResponsesStreamTranslator, type ResponsesStreamEvent } from './stream-translator.js';

/** One SSE frame. Codex dispatches on `data.type`; the `event:` line serves other SSE readers. */
export function formatSseFrame(event: ResponsesStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

function frames(events: readonly ResponsesStreamEvent[]): string {
  return events.map(formatSseFrame).join('');
}

/** The translator with each event framed as SSE: the codec's synchronous stream encoder. */
export class ResponsesStreamEncoder implements StreamEncoder {
  readonly #translator: ResponsesStreamTranslator;

  constructor(ctx: IngressContext) {
    this.#translator = new ResponsesStreamTranslator(ctx);
  }

  get done(): boolean {
    return this.#translator.ended;
  }

  begin(): string {
    return frames(this.#translator.begin());
  }

  push(ev: IrStreamEvent): string {
    return frames(this.#translator.push(ev));
  }

  end(): string {
    return frames(this.#translator.end());
  }
}

/**
 * Encodes an IR stream as Responses SSE. Each yielded chunk holds the whole frames for one
 * IR event; the last one is `response.completed`, `response.incomplete` or `response.failed`.
 * @example
 *   for await (const chunk of encodeStream(irEvents, ctx)) res.write(chunk);
 */
export function encodeStream(events: IrStream, ctx: IngressContext): AsyncIterable<string> {
  return encodeWith(events, new ResponsesStreamEncoder(ctx));
}
