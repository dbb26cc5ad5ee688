/**
 * @module test/support/mock-upstream/mock-server
 * A scripted mock model provider on 127.0.0.1: records every request, hands model requests to the
 * script, and writes the scripted turn in the chosen dialect's wire format — with optional faults
 * (HTTP error, first-byte delay, inter-chunk delay, reset before the headers, socket cut, stall,
 * in-stream error).
 *
 * @example
 * const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'hi' }) });
 * try { … fetch(`${upstream.url}/api/chat`, …) … } finally { await upstream.close(); }
 */
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicRenderer } from './render-anthropic.js';
import { bedrockRenderer } from './render-bedrock.js';
import { ollamaRenderer } from './render-ollama.js';
import { openAiChatRenderer } from './render-openai-chat.js';
import { openAiResponsesRenderer } from './render-openai-responses.js';
import type {
  DialectRenderer,
  MockDialect,
  MockTurn,
  MockUpstream,
  MockUpstreamOptions,
  RecordedRequest,
  StaticReply,
} from './types.js';
import { usageFor } from './wire-util.js';

const RENDERERS: Record<MockDialect, DialectRenderer> = {
  ollama: ollamaRenderer,
  'openai-chat': openAiChatRenderer,
  anthropic: anthropicRenderer,
  'openai-responses': openAiResponsesRenderer,
  bedrock: bedrockRenderer,
};

/** Request bodies above this are refused (413); the CLIs send ~80 KB. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Resolves after `ms`, or rejects as soon as `signal` aborts (server closing or client gone). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function record(dialect: MockDialect, req: IncomingMessage): Promise<{ recorded: RecordedRequest; parseError?: string }> {
  const rawBody = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://mock.invalid');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown = rawBody === '' ? undefined : rawBody;
  let parseError: string | undefined;
  if (rawBody !== '' && /^\s*[{[]/.test(rawBody)) {
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      parseError = (error as Error).message;
    }
  } else if (rawBody !== '' && (headers['content-type'] ?? '').includes('json')) {
    parseError = 'body is not JSON';
  }
  const recorded: RecordedRequest = {
    dialect,
    method: req.method ?? 'GET',
    path: url.pathname,
    url: req.url ?? '/',
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    rawBody,
    receivedAt: Date.now(),
  };
  return { recorded, parseError };
}

/**
 * Writes and waits until the data is handed to the kernel, so a following socket cut cannot drop it.
 * Also settles when the request is aborted, so a dead socket can never leave the handler hanging.
 */
function writeFlushed(res: ServerResponse, data: string | Uint8Array, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    res.write(data, done);
  });
}

function sendStatic(res: ServerResponse, reply: StaticReply, extraHeaders: Record<string, string> = {}): void {
  const isText = typeof reply.body === 'string';
  const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    ...extraHeaders,
    ...reply.headers,
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}

/** Starts a mock upstream on 127.0.0.1 (port 0 by default); always `close()` it. */
export async function startMockUpstream(options: MockUpstreamOptions): Promise<MockUpstream> {
  const renderer = RENDERERS[options.dialect];
  const requests: RecordedRequest[] = [];
  const turnRequests: RecordedRequest[] = [];
  const scriptErrors: Error[] = [];
  const closing = new AbortController();
  setMaxListeners(0, closing.signal); // one listener per request in flight
  let requestCount = 0;

  interface TurnReply {
    res: ServerResponse;
    recorded: RecordedRequest;
    turn: MockTurn;
    turnIndex: number;
    requestId: string;
    signal: AbortSignal;
  }

  async function writeTurn({ res, recorded, turn, turnIndex, requestId, signal }: TurnReply): Promise<void> {
    const idHeaders: Record<string, string> = options.dialect === 'anthropic' ? { 'request-id': requestId } : { 'x-request-id': requestId };
    await sleep(turn.firstByteDelayMs ?? 0, signal);
    if (turn.reset) {
      res.socket?.destroy();
      return;
    }
    if (turn.error) {
      const { status, body, headers } = turn.error;
      sendStatic(res, { status, body, headers }, idHeaders);
      return;
    }
    const ctx = {
      request: recorded,
      turn: turnIndex,
      model: renderer.modelOf(recorded.body, recorded),
      usage: usageFor(turn, recorded.rawBody),
      options,
    };
    const body = recorded.body as { stream?: unknown } | undefined;
    const stream = renderer.isStreamRequest ? renderer.isStreamRequest(recorded) : typeof body?.stream === 'boolean' ? body.stream : renderer.streamByDefault;
    if (!stream) {
      const payload = JSON.stringify(renderer.renderJson(turn, ctx));
      res.writeHead(200, { 'content-type': 'application/json', ...idHeaders, ...turn.headers, 'content-length': String(Buffer.byteLength(payload)) });
      if (turn.cutAfterChunks !== undefined) {
        // A non-streaming reply has one "chunk": cut it in half.
        await writeFlushed(res, payload.slice(0, Math.floor(payload.length / 2)), signal);
        res.socket?.destroy();
        return;
      }
      res.end(payload);
      return;
    }
    const frames = renderer.renderStream(turn, ctx);
    res.writeHead(200, {
      'content-type': renderer.streamContentType,
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...idHeaders,
      ...turn.headers,
    });
    res.flushHeaders();
    const errorAt = turn.streamError ? Math.max(0, turn.streamError.afterChunks ?? 1) : Infinity;
    for (let i = 0; i < frames.length; i++) {
      if (i > 0) await sleep(turn.delayMs ?? 0, signal);
      if (res.destroyed) return;
      if (turn.cutAfterChunks === i) {
        res.socket?.destroy();
        return;
      }
      if (turn.stallAfterChunks === i) {
        await sleep(2 ** 31 - 1, signal); // until the client or the server goes away
        return;
      }
      if (turn.streamError && errorAt === i) {
        res.end(renderer.renderStreamError(turn.streamError, ctx, i));
        return;
      }
      await writeFlushed(res, frames[i], signal);
    }
    if (turn.cutAfterChunks !== undefined && turn.cutAfterChunks >= frames.length) {
      res.socket?.destroy();
      return;
    }
    if (turn.streamError && errorAt >= frames.length) await writeFlushed(res, renderer.renderStreamError(turn.streamError, ctx, frames.length), signal);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_mock_${++requestCount}`;
    // Aborts pending delays when the server closes or the client goes away.
    const requestAbort = new AbortController();
    const onClosing = (): void => requestAbort.abort(new Error('mock upstream closing'));
    closing.signal.addEventListener('abort', onClosing, { once: true });
    let recordedRef: RecordedRequest | undefined;
    res.on('close', () => {
      closing.signal.removeEventListener('abort', onClosing);
      if (!res.writableFinished) requestAbort.abort(new Error('client disconnected'));
      if (recordedRef) {
        recordedRef.closedAt = Date.now();
        recordedRef.finished = res.writableFinished;
      }
    });

    const { recorded, parseError } = await record(options.dialect, req);
    recordedRef = recorded;
    if (res.closed) {
      recorded.closedAt = Date.now();
      recorded.finished = false;
    }
    requests.push(recorded);
    if (parseError !== undefined) return sendStatic(res, renderer.errorReply('invalid_json', parseError));
    const denied = renderer.authorize ? await renderer.authorize(recorded, options) : undefined;
    if (denied) return sendStatic(res, denied);
    if (!renderer.authorize && options.apiKey !== undefined && renderer.credentialOf(recorded) !== options.apiKey) {
      return sendStatic(res, renderer.errorReply('unauthorized', ''));
    }
    if (!renderer.isTurnRoute(recorded.method, recorded.path)) {
      const reply = renderer.handleOther(recorded, options);
      return sendStatic(res, reply ?? renderer.errorReply('no_route', `${recorded.method} ${recorded.path}`));
    }
    const model = renderer.modelOf(recorded.body, recorded);
    if (options.models && !renderer.modelKnown(model, options.models)) {
      return sendStatic(res, renderer.errorReply('model_not_found', model));
    }
    const turnIndex = turnRequests.length;
    turnRequests.push(recorded);
    let turn: MockTurn;
    try {
      turn = await options.script(recorded, turnIndex);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      scriptErrors.push(err);
      return sendStatic(res, renderer.errorReply('script_failed', `mock script failed: ${err.message}`));
    }
    try {
      await writeTurn({ res, recorded, turn, turnIndex, requestId, signal: requestAbort.signal });
    } catch (error) {
      if (!requestAbort.signal.aborted) throw error;
      res.destroy(); // the wait was interrupted: drop the connection
    }
  }

  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendStatic(res, { status: 500, body: { error: `mock upstream: ${String(error)}` } });
      else res.destroy();
    });
  });
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    turnRequests,
    scriptErrors,
    openSockets: ({ withTraffic = false } = {}) => [...sockets].filter((s) => !withTraffic || s.bytesRead > 0).length,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
