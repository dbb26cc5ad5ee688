/**
 * @module pipeline/handle-model-request
 * One model request from decoded body to encoded answer, independent of the HTTP server:
 * decode (ingress codec) → prepare hooks (e.g. previous_response_id) → route → provider
 * call → stages (restore tool calls, ensure usage, keep-alive, tap) → encode (ingress
 * codec). Failures before the answer started come back as an HTTP error in the caller's
 * dialect; later ones travel as IR `error` events that the encoder renders in-stream.
 */
import type { Config } from '../config/index.js';
import type { EgressCodec, IngressCodec, IngressContext } from '../dialects/types.js';
import { LynkrError, toLynkrError } from '../ir/errors.js';
import { newId } from '../ir/helpers.js';
import { ToolNameMap } from '../ir/tool-names.js';
import type { IrRequest, IrResponse, IrStream, IrStreamEvent } from '../ir/types.js';
import type { Logger } from '../observability/logger.js';
import { countUpstreamRetry } from '../observability/metrics.js';
import { observeEvents, type EventObserver } from '../observability/observe-events.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { callWithRetry } from './call-with-retry.js';
import { collectResponse, tapResponse } from './collect-response.js';
import { ensureUsage } from './ensure-usage.js';
import { linkToShutdown, releaseWhenDone } from './link-abort.js';
import { encodeEvents, mapEvents } from './map-events.js';
import { passthrough } from './passthrough.js';
import { endBrokenStream } from './passthrough-error-tail.js';
import { redactError, redactErrorEvents, secretsOf } from './redact-errors.js';
import { restoreToolCalls } from './restore-tool-calls.js';
import { routeModel, type ModelRoute } from './route-model.js';
import type { CallContext, PipelineStage } from './stage.js';
import { defaultStages } from './stages.js';

const DEFAULT_STAGES = defaultStages();

export interface PipelineServices {
  config: Config;
  registry: ProviderRegistry;
  log: Logger;
  /** Pipeline stages in order (default: `defaultStages()`). */
  stages?: PipelineStage[];
  /** Aborted when the server stops waiting for in-flight requests (shutdown past SHUTDOWN_GRACE_MS). */
  shutdownSignal?: AbortSignal;
}

export interface ModelRequestHooks {
  /** Adjusts the decoded request before routing (e.g. expands previous_response_id). */
  prepare?(req: IrRequest): Promise<IrRequest> | IrRequest;
  /** Called with the complete response (streamed or not) after it was sent. */
  completed?(info: { req: IrRequest; response: IrResponse; responseId: string; encoded?: unknown }): void;
}

export interface ModelRequestInput {
  codec: IngressCodec;
  /** The parsed JSON body. */
  body: unknown;
  /** Client request headers, lower-case. */
  headers: Record<string, string>;
  /** The request's own controller: the caller aborts it when the client goes away, shutdown aborts it too (pipeline/link-abort.ts). */
  controller: AbortController;
  requestId: string;
  /** Prefix for the response id (`resp`, `chatcmpl`, `msg`). */
  idPrefix: string;
  hooks?: ModelRequestHooks;
}

export type ModelResult =
  | { kind: 'json'; status: number; headers: Record<string, string>; body: unknown }
  | { kind: 'stream'; headers: Record<string, string>; chunks: AsyncIterable<string>; keepalive?: StreamKeepalive };

/**
 * Liveness left to the writer: when nothing was written for `intervalMs`, it writes `frame()`,
 * the dialect's liveness event from the stream's own encoder (Responses `response.in_progress`
 * with the next sequence number, Anthropic `ping`, an SSE comment for chat). The pass-through
 * path has none: its bytes are the upstream's own.
 */
export interface StreamKeepalive {
  intervalMs: number;
  frame(): string;
}

/** What a finished request reports for the access log and metrics. */
export interface RequestSummary {
  provider?: string;
  modelRequested?: string;
  modelUsed?: string;
  stream?: boolean;
  usage?: IrResponse['usage'];
  finishReason?: string;
  error?: { code: string; message: string };
  /** Milliseconds from the start of handling to the upstream's response headers (retries included). */
  upstreamLatencyMs?: number;
  /** Milliseconds from the start of handling to the first generated token (text, reasoning or tool call). */
  firstTokenMs?: number;
  /** The stage that answered without calling the upstream (a cache hit), by name. */
  answeredBy?: string;
}

export async function handleModelRequest(
  services: PipelineServices,
  input: ModelRequestInput,
  summary: RequestSummary = {},
): Promise<ModelResult> {
  // The request runs under a signal that also fires at shutdown; it is released when the answer is complete.
  const link = linkToShutdown(input.controller, services.shutdownSignal);
  let result: ModelResult;
  try {
    result = await handleRequest(services, { ...input, signal: link.signal }, summary, link.release);
  } catch (err) {
    link.release();
    throw err;
  }
  if (result.kind === 'json') link.release();
  return result;
}

/** `release` must run once a streamed answer is over (json answers are released by the caller). */
async function handleRequest(
  services: PipelineServices,
  input: ModelRequestInput & { signal: AbortSignal },
  summary: RequestSummary,
  release: () => void,
): Promise<ModelResult> {
  const { codec } = input;
  const secrets = secretsOf(services.config);
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const observer: EventObserver = { onFirstToken: () => void (summary.firstTokenMs ??= elapsed()), log: services.log, requestId: input.requestId };
  const fail = (err: unknown): ModelResult => {
    const e = redactError(toLynkrError(err), secrets);
    summary.error = { code: e.code, message: e.message };
    if (e.code === 'internal') services.log.error({ err: e.cause ?? e, requestId: input.requestId }, 'internal error');
    const encoded = codec.encodeError(e);
    return { kind: 'json', status: encoded.status, headers: encoded.headers, body: encoded.body };
  };

  let req: IrRequest;
  let route: ModelRoute;
  try {
    req = codec.decodeRequest(input.body);
    if (input.hooks?.prepare) req = await input.hooks.prepare(req);
    summary.modelRequested = req.model;
    summary.stream = req.stream;
    route = routeModel(req.model, services.config, services.registry);
    summary.provider = route.provider;
    summary.modelUsed = route.model;
  } catch (err) {
    return fail(err);
  }

  const stages = services.stages ?? DEFAULT_STAGES;
  const egress = codec as Partial<EgressCodec>;
  const ctx: CallContext = {
    services,
    requestId: input.requestId,
    ingress: codec.dialect,
    route,
    toolNames: ToolNameMap.forRequest(req),
    clientHeaders: input.headers,
    signal: input.signal,
    summary,
    state: new Map(),
    passthroughCandidate: Boolean(route.adapter.passthrough && route.adapter.dialect === codec.dialect && egress.decodeStream),
  };
  let shortCircuit: IrStream | undefined;
  try {
    // Stages that answer synchronously are not awaited: an await per stage costs a turn of the microtask queue.
    for (const stage of stages) {
      if (!stage.beforeCall) continue;
      const result = stage.beforeCall(req, ctx);
      const next = result instanceof Promise ? await result : result;
      if (next !== req) ctx.passthroughCandidate = false;
      req = next;
    }
    ctx.toolNames = ToolNameMap.forRequest(req);
    for (const stage of stages) {
      if (!stage.shortCircuit) continue;
      shortCircuit = await stage.shortCircuit(req, ctx);
      if (shortCircuit) {
        summary.answeredBy = stage.name;
        break;
      }
    }
  } catch (err) {
    return fail(err);
  }
  const finalReq = req;
  const toolNames = ctx.toolNames;

  const responseId = `${input.idPrefix}_${newId('', 12).slice(1)}`;
  const ingressCtx: IngressContext = { requestedModel: req.model, responseId, createdAt: Math.floor(Date.now() / 1000), request: req };
  const headers: Record<string, string> = {
    'x-request-id': input.requestId,
    'x-lynkr-provider': route.provider,
    'x-lynkr-model': route.model,
  };
  services.log.debug({ requestId: input.requestId, provider: route.provider, model: route.model, rule: route.rule }, 'routed');

  const fallback = (err: unknown): ModelRoute | undefined => {
    const { enabled, provider } = services.config.fallback;
    if (!enabled || !provider || provider === route.provider || !LynkrError.isInstance(err) || !err.retryable) return undefined;
    const adapter = services.registry.get(provider);
    if (!adapter) return undefined;
    services.log.warn({ requestId: input.requestId, from: route.provider, to: provider, error: err.message }, 'failing over');
    return { provider, model: adapter.defaultModel, adapter, rule: 'default' };
  };
  const switchTo = (next: ModelRoute) => {
    route = next;
    ctx.route = next;
    summary.provider = next.provider;
    summary.modelUsed = next.model;
    headers['x-lynkr-provider'] = next.provider;
    headers['x-lynkr-model'] = next.model;
  };
  const retry = {
    maxRetries: services.config.timeouts.maxRetries,
    signal: input.signal,
    onRetry: ({ attempt, delayMs, error }: { attempt: number; delayMs: number; error: LynkrError }) => {
      countUpstreamRetry(error.provider ?? route.provider, error.code);
      services.log.warn({ requestId: input.requestId, provider: error.provider, attempt, delayMs, error: error.message }, 'retrying upstream call');
    },
  };

  // Streaming only: a non-streaming request is translated, so its answer is read whole and an
  // upstream cut becomes a proper 502 instead of a half body relayed with status 200.
  if (!shortCircuit && ctx.passthroughCandidate && finalReq.stream) {
    const fast = route;
    try {
      const result = await callWithRetry(
        () =>
          passthrough({
            adapter: fast.adapter as Parameters<typeof passthrough>[0]['adapter'],
            codec: codec as IngressCodec & EgressCodec,
            call: { body: { ...(input.body as Record<string, unknown>), model: fast.model }, model: fast.model, signal: input.signal, clientHeaders: input.headers },
            req: finalReq,
            headers,
            onResponse(response) {
              summary.usage = response.usage;
              summary.finishReason = response.finishReason;
              for (const stage of stages) stage.onComplete?.(finalReq, response, ctx);
            },
            onUpstreamHeaders: () => void (summary.upstreamLatencyMs = elapsed()),
            tapEvents: (events) => observeEvents(events, observer),
          }),
        retry,
      );
      if (result.kind === 'json') return result;
      const onError = (error: LynkrError) => {
        const e = redactError(error, secrets);
        if (!summary.error) summary.error = { code: e.code, message: e.message };
        return e;
      };
      const chunks = endBrokenStream({ chunks: result.chunks, codec, ctx: ingressCtx, provider: fast.provider, onError, secrets });
      return { ...result, chunks: releaseWhenDone(chunks, release) };
    } catch (err) {
      const next = fallback(err);
      if (!next) return fail(err);
      switchTo(next);
    }
  }

  const attempt = (r: ModelRoute) =>
    callWithRetry(() => r.adapter.stream({ req: finalReq, model: r.model, toolNames, signal: input.signal, clientHeaders: input.headers }), retry).then((stream) => {
      summary.upstreamLatencyMs = elapsed();
      return stream;
    });
  const call: Promise<IrStream> = shortCircuit
    ? Promise.resolve(shortCircuit)
    : attempt(route).catch((err) => {
        const next = fallback(err);
        if (!next) throw err;
        switchTo(next);
        return attempt(next);
      });
  const pipeline = (events: IrStream): IrStream => {
    let out: IrStream = shortCircuit ? events : restoreToolCalls(observeEvents(events, observer), toolNames);
    for (const stage of stages) if (stage.transformStream) out = stage.transformStream(out, finalReq, ctx);
    return tapResponse(ensureUsage(out, finalReq), responseId, ({ response, error }) => {
      if (response) {
        summary.usage = response.usage;
        summary.finishReason = response.finishReason;
        for (const stage of stages) stage.onComplete?.(finalReq, response, ctx);
        input.hooks?.completed?.({ req: finalReq, response, responseId });
      } else if (error && !summary.error) summary.error = { code: error.code, message: error.message };
    });
  };

  if (!req.stream) {
    try {
      const response = await collectResponse(pipeline(await call), responseId);
      const body = codec.encodeResponse(response, ingressCtx);
      return { kind: 'json', status: 200, headers, body };
    } catch (err) {
      return fail(err);
    }
  }

  // Streaming: wait for the upstream's headers up to one keep-alive interval, so that early
  // failures still get a proper HTTP status; past that, answer 200 and keep the client alive.
  const intervalMs = services.config.timeouts.keepaliveIntervalMs;
  const early = await settleWithin(call, intervalMs);
  if (early.state === 'rejected') return fail(early.error);
  const upstream: IrStream = redactErrorEvents(early.state === 'resolved' ? early.value : deferred(call), secrets);
  // The request's signal is released when the answer's events end or their reader stops (one loop with the other mappers).
  const events = mapEvents(pipeline(upstream), { map: (ev, emit) => emit(ev), close: release });
  const streamHeaders = { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' };
  // Encoded in the mappers' loop; the writer sends liveness events while the stream is silent.
  const encoder = codec.createStreamEncoder(ingressCtx);
  const frame = () => (encoder.done ? '' : encoder.push({ type: 'keepalive' }));
  return { kind: 'stream', headers: streamHeaders, chunks: encodeEvents(events, encoder), keepalive: { intervalMs, frame } };
}

type Settled<T> = { state: 'resolved'; value: T } | { state: 'rejected'; error: unknown } | { state: 'pending' };

async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), ms);
  });
  const settled = promise.then(
    (value): Settled<T> => ({ state: 'resolved', value }),
    (error): Settled<T> => ({ state: 'rejected', error }),
  );
  const result = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  return result;
}

/** A stream that waits for a pending provider call; its failure becomes an `error` event. */
async function* deferred(call: Promise<IrStream>): AsyncGenerator<IrStreamEvent> {
  let stream: IrStream;
  try {
    stream = await call;
  } catch (err) {
    yield { type: 'error', error: LynkrError.isInstance(err) ? err : toLynkrError(err) };
    return;
  }
  yield* stream;
}
