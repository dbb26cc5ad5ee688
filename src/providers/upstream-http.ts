/**
 * @module providers/upstream-http
 * The one HTTP client every provider adapter uses to reach its upstream: undici with a
 * keep-alive connection pool per origin, and Lynkr's three time limits mapped onto
 * undici's own (connect → `connect.timeout`, first byte → `headersTimeout`, idle between
 * body chunks → `bodyTimeout`). Transport failures become LynkrErrors with stable codes,
 * so retry and failover logic never looks at undici's error classes.
 */
import { Agent, type Dispatcher } from 'undici';
import { LynkrError } from '../ir/errors.js';
import { UpstreamBody } from './upstream-body.js';

export interface UpstreamTimeouts {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
}

export interface UpstreamRequest {
  url: string;
  method?: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  /** A JSON-serialisable object or an already-encoded string/Buffer. */
  body?: unknown;
  signal?: AbortSignal;
  /** Provider name for error messages. */
  provider: string;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  body: UpstreamBody;
}

/** Origin and path of each upstream URL, parsed once (adapters reach a handful of URLs). */
const SPLIT_URLS = new Map<string, { origin: string; path: string }>();

function splitUrl(url: string): { origin: string; path: string } {
  let split = SPLIT_URLS.get(url);
  if (!split) {
    const u = new URL(url);
    split = { origin: u.origin, path: `${u.pathname}${u.search}` };
    if (SPLIT_URLS.size >= 1_000) SPLIT_URLS.clear();
    SPLIT_URLS.set(url, split);
  }
  return split;
}

/** Why a request was aborted: the signal's reason, or a standard AbortError. */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason = signal?.reason as unknown;
  if (reason instanceof Error) return reason;
  return Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

export class UpstreamHttp {
  readonly #agent: Agent;

  constructor(timeouts: UpstreamTimeouts) {
    this.#agent = new Agent({
      // No cap per origin: every open stream holds a connection for its whole length, and
      // with a cap the next stream waits for one to end (1,000 concurrent Codex streams
      // stalled at 512; docs/performance.md). Idle connections still close after 30 s.
      connections: null,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.firstByteMs,
      bodyTimeout: timeouts.idleMs,
    });
  }

  /**
   * Sends a request; resolves once the status and headers have arrived. Uses undici's
   * dispatch API with a handler of our own (`upstream-body.ts`) rather than `request()`,
   * whose Readable body cost as much CPU again per request (docs/performance.md).
   */
  send(req: UpstreamRequest): Promise<UpstreamResponse> {
    const body =
      req.body === undefined ? undefined : typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
    const { origin, path } = splitUrl(req.url);
    const signal = req.signal;
    return new Promise<UpstreamResponse>((resolve, reject) => {
      const response = new UpstreamBody();
      let started = false;
      let settled = false;
      let controller: Dispatcher.DispatchController | undefined;
      const onAbort = () => controller?.abort(abortReason(signal));
      const done = () => {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
      };
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(c) {
          controller = c;
          response.attach(c);
          if (signal?.aborted) c.abort(abortReason(signal));
        },
        onResponseStart(_c, statusCode, headers) {
          started = true;
          resolve({ status: statusCode, headers: flattenHeaders(headers), body: response });
        },
        onResponseData(_c, chunk) {
          response.push(chunk);
        },
        onResponseEnd() {
          done();
          response.end();
        },
        onResponseError(_c, err) {
          if (settled) return;
          done();
          if (started) response.fail(err);
          else reject(transportError(err, req.provider));
        },
      };
      if (signal && !signal.aborted) signal.addEventListener('abort', onAbort, { once: true });
      try {
        this.#agent.dispatch(
          {
            origin,
            path,
            method: req.method ?? (body === undefined ? 'GET' : 'POST'),
            headers: body === undefined ? req.headers : { 'content-type': 'application/json', ...req.headers },
            body,
          },
          handler,
        );
      } catch (err) {
        done();
        reject(transportError(err, req.provider));
      }
    });
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/** Reads a (small) error body as JSON when it parses, else as text; bounded to 64 KiB. */
export async function readErrorBody(body: AsyncIterable<Uint8Array>): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      if (size < 65_536) chunks.push(Buffer.from(chunk));
      size += chunk.byteLength;
    }
  } catch {
    // a broken error body still gives us the status
  }
  const text = Buffer.concat(chunks).toString('utf8').slice(0, 65_536);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** True for a time-out waiting for the upstream's response headers (UPSTREAM_FIRST_BYTE_TIMEOUT_MS). */
export function isFirstByteTimeout(err: LynkrError): boolean {
  return err.code === 'upstream_timeout' && (err.cause as { code?: unknown } | undefined)?.code === 'UND_ERR_HEADERS_TIMEOUT';
}

/** Maps a transport failure (undici error, socket error, abort) to a LynkrError. */
export function transportError(err: unknown, provider: string): LynkrError {
  if (LynkrError.isInstance(err)) return err;
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  if (e?.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
    return new LynkrError('upstream_error', `${provider}: request aborted`, { cause: err, provider, retryable: false });
  }
  if (code && TIMEOUT_CODES.has(code)) {
    const what =
      code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connecting' : code === 'UND_ERR_HEADERS_TIMEOUT' ? 'waiting for the first byte' : 'waiting for the next stream event';
    return new LynkrError('upstream_timeout', `${provider}: timed out ${what}`, { cause: err, provider });
  }
  const detail = code ? `${code}${e?.message ? `: ${e.message}` : ''}` : (e?.message ?? String(err));
  return new LynkrError('upstream_unavailable', `${provider} is unreachable (${detail})`, { cause: err, provider });
}
