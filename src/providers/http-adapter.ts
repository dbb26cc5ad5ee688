/**
 * @module providers/http-adapter
 * The shared shape of an HTTP provider: encode the IR with the provider's dialect codec,
 * POST it, turn an HTTP error into a LynkrError via the codec, and decode the streamed
 * body (SSE or NDJSON frames) back into IR events. Adapters only fill in a spec:
 * endpoint, headers, body adjustments. Failures after the first byte become IR `error`
 * events, never exceptions, so every ingress encoder can end its stream properly.
 */
import type { EgressCodec } from '../dialects/types.js';
import { LynkrError } from '../ir/errors.js';
import type { IrStream, IrStreamEvent } from '../ir/types.js';
import { NdjsonFramer, ndjsonPayloads } from '../pipeline/frames/ndjson.js';
import { SseJsonFramer, sseJsonPayloads } from '../pipeline/frames/sse.js';
import { decodeBody, streamFailure } from './decode-body.js';
import type { PassthroughCall, ProviderAdapter, ProviderCall, ProviderName } from './types.js';
import { readErrorBody, type UpstreamHttp, type UpstreamResponse } from './upstream-http.js';

export interface HttpAdapterSpec {
  name: ProviderName;
  codec: EgressCodec;
  http: UpstreamHttp;
  defaultModel: string;
  frames: 'sse' | 'ndjson';
  /** The URL to POST a call for `model` to. */
  endpoint(model: string): string;
  /** Authentication and provider headers. */
  headers(call: { clientHeaders: Record<string, string> }): Record<string, string>;
  /** Adjusts the encoded body (e.g. Ollama's num_ctx and keep_alive). */
  prepareBody?(body: Record<string, unknown>, call: ProviderCall): Record<string, unknown> | Promise<Record<string, unknown>>;
  maxOutputTokensLimit?: number;
  defaultMaxOutputTokens?: number;
  servesClaude?(model: string): boolean;
  /** Enables the pass-through fast path for clients of the same dialect. */
  passthrough?: boolean;
  contextWindow?(model: string): Promise<number | undefined>;
}

export function createHttpAdapter(spec: HttpAdapterSpec): ProviderAdapter {
  const frames = spec.frames === 'sse' ? sseJsonPayloads : ndjsonPayloads;
  const framer = spec.frames === 'sse' ? () => new SseJsonFramer() : () => new NdjsonFramer();
  const decode = (body: UpstreamResponse['body']): IrStream =>
    spec.codec.createStreamDecoder
      ? decodeBody(body, framer(), spec.codec.createStreamDecoder(), spec.name)
      : guardStream(spec.codec.decodeStream(frames(body)), spec.name);

  async function send(url: string, body: unknown, signal: AbortSignal, clientHeaders: Record<string, string>): Promise<UpstreamResponse> {
    const res = await spec.http.send({ url, headers: spec.headers({ clientHeaders }), body, signal, provider: spec.name });
    if (res.status >= 400) {
      const errBody = await readErrorBody(res.body);
      const err = spec.codec.decodeError(res.status, errBody, res.headers);
      throw new LynkrError(err.code, `${spec.name}: ${err.message}`, {
        cause: err,
        provider: spec.name,
        upstreamStatus: res.status,
        retryAfterSeconds: err.retryAfterSeconds,
        param: err.param,
        status: err.status,
        retryable: err.retryable,
      });
    }
    return res;
  }

  const adapter: ProviderAdapter = {
    name: spec.name,
    dialect: spec.codec.dialect,
    defaultModel: spec.defaultModel,
    servesClaude: spec.servesClaude ?? (() => false),
    async stream(call: ProviderCall): Promise<IrStream> {
      let body = spec.codec.encodeRequest(call.req, {
        model: call.model,
        toolNames: call.toolNames,
        stream: true,
        maxOutputTokensLimit: spec.maxOutputTokensLimit,
        defaultMaxOutputTokens: spec.defaultMaxOutputTokens,
      });
      if (spec.prepareBody) body = await spec.prepareBody(body, call);
      const res = await send(spec.endpoint(call.model), body, call.signal, call.clientHeaders);
      return decode(res.body);
    },
    contextWindow: spec.contextWindow,
  };
  if (spec.passthrough) {
    adapter.passthrough = (call: PassthroughCall) => send(spec.endpoint(call.model), call.body, call.signal, call.clientHeaders);
  }
  return adapter;
}

/** Turns exceptions thrown while reading an upstream stream into one IR `error` event. */
export async function* guardStream(events: IrStream, provider: string): AsyncGenerator<IrStreamEvent> {
  try {
    yield* events;
  } catch (err) {
    yield { type: 'error', error: streamFailure(err, provider) };
  }
}
