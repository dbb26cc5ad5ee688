/**
 * @module dialects/openai-responses/decode-stream
 * The egress stream stage for Responses API upstreams: parsed SSE payloads → IR events.
 * The mapping itself is the pure `ResponseEventDecoder`; this stage drives it and makes
 * sure the stream ends with exactly one `finish` or `error`, also when the upstream stops
 * without `response.completed` (wire-contract §3.3).
 */
import type { IrStream } from '../../ir/types.js';
import { decodeWith } from '../shared/decode-with.js';
import { ResponseEventDecoder } from './response-event-decoder.js';

/**
 * @example
 * for await (const ev of decodeResponsesStream(sseJsonPayloads(res.body))) …
 */
export function decodeResponsesStream(payloads: AsyncIterable<unknown>): IrStream {
  return decodeWith(payloads, new ResponseEventDecoder());
}
