/**
 * @module dialects/types
 * The contract every dialect codec implements. A codec knows one wire format in both
 * directions; the same codec serves ingress (a client speaks it) and egress (a provider
 * speaks it). Codecs are pure: no I/O, no configuration, no provider names.
 *
 * Stream encoders and decoders are async generators over the previous stage:
 *   ingress:  IrStream  --encodeStream-->  AsyncIterable<string>   (ready-to-write SSE text)
 *   egress:   AsyncIterable<unknown>  --decodeStream-->  IrStream  (each item one parsed JSON
 *             payload: an SSE `data:` object, an NDJSON line, an AWS event-stream message
 *             as `{ [eventType]: payload }`)
 * An egress codec may also offer the same decoding synchronously (`createStreamDecoder`),
 * which the provider adapters prefer: one payload in, the events it completes out.
 * Frame parsing (SSE, NDJSON, event-stream) lives in `pipeline/frames/`, never in a codec.
 */
import type { LynkrError } from '../ir/errors.js';
import type { ToolNameMap } from '../ir/tool-names.js';
import type { DialectName, IrRequest, IrResponse, IrStream, IrStreamEvent } from '../ir/types.js';

/** What an ingress encoder needs to answer the client. */
export interface IngressContext {
  /** The model name the client asked for: every response reports this one. */
  requestedModel: string;
  /** Response id Lynkr assigned (`resp_…`, `chatcmpl-…`, `msg_…`). */
  responseId: string;
  /** Unix seconds when the request arrived. */
  createdAt: number;
  /** The decoded request (Responses echoes some of it back; chat needs include_usage). */
  request: IrRequest;
}

/** A rendered HTTP error in the client's dialect. */
export interface EncodedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A client-facing dialect: decode what a client sends, encode what it gets back. */
export interface IngressCodec {
  readonly dialect: DialectName;
  /** Parses a request body. Throws `LynkrError('invalid_request')` on a malformed body; tolerates unknown fields and item types. */
  decodeRequest(body: unknown): IrRequest;
  /** A complete response body (JSON-serialisable). */
  encodeResponse(res: IrResponse, ctx: IngressContext): unknown;
  /**
   * The stream as SSE text chunks (each chunk one or more whole frames). An IR `error` event
   * becomes the dialect's in-stream error (Responses `response.failed`, Anthropic
   * `event: error`, chat error chunk without `[DONE]`); `keepalive` becomes its liveness event.
   */
  encodeStream(events: IrStream, ctx: IngressContext): AsyncIterable<string>;
  /**
   * The same encoding, synchronous and one event at a time: the pipeline encodes in the loop
   * that runs the event mappers, and the writer asks it for the liveness event when the
   * stream is silent (`pipeline/map-events.ts`, `server/send-model-result.ts`).
   */
  createStreamEncoder(ctx: IngressContext): StreamEncoder;
  /** The HTTP error response for a failure before the stream started. */
  encodeError(err: LynkrError): EncodedError;
}

/** What an egress encoder needs to build the upstream request. */
export interface EgressContext {
  /** The upstream model id to put in the request. */
  model: string;
  /** Reversible tool-name mapping for this request (shared with the stream decoder's consumer). */
  toolNames: ToolNameMap;
  /** Always true: Lynkr streams from every upstream and aggregates for non-streaming clients. */
  stream: boolean;
  /** Upper bound for output tokens the upstream accepts (requests are clamped to it). */
  maxOutputTokensLimit?: number;
  /** Output tokens to ask for when the client said nothing and the dialect requires a value. */
  defaultMaxOutputTokens?: number;
}

/**
 * A synchronous stream encoder: `begin()` gives the frames that open the stream, `push` the
 * frames for one IR event ('' for none), `end()` those for input that stopped without
 * `finish` or `error`. `done` turns true once the final frame was produced.
 */
export interface StreamEncoder {
  begin(): string;
  push(ev: IrStreamEvent): string;
  end(): string;
  readonly done: boolean;
}

/**
 * A synchronous stream decoder: one parsed upstream payload in, the IR events it completes
 * out. `ended` turns true once the dialect's final event (or an error) was decoded; the
 * reader then stops. `end()` is called when the body ended first.
 */
export interface StreamDecoder {
  push(payload: unknown): IrStreamEvent[];
  end(): IrStreamEvent[];
  readonly ended: boolean;
}

/** A provider-facing dialect: encode what Lynkr sends upstream, decode what comes back. */
export interface EgressCodec {
  readonly dialect: DialectName;
  /** The upstream request body (JSON-serialisable). */
  encodeRequest(req: IrRequest, ctx: EgressContext): Record<string, unknown>;
  /**
   * Upstream payloads → IR events. Tool calls carry the *wire* names the model used
   * (`pipeline/restore-tool-calls.ts` maps them back); everything else is final.
   * Ends with exactly one `finish` (or an `error`).
   */
  decodeStream(payloads: AsyncIterable<unknown>): IrStream;
  /**
   * The same decoding as `decodeStream`, synchronous and one payload at a time, for codecs
   * that have it: the provider adapter then frames and decodes each network chunk in one
   * loop (`providers/decode-body.ts`) instead of one async layer per step.
   */
  createStreamDecoder?(): StreamDecoder;
  /** Maps an upstream HTTP error (status + parsed or raw body) to a LynkrError. */
  decodeError(status: number, body: unknown, headers: Record<string, string>): LynkrError;
}
