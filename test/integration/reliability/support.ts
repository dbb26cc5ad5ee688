/**
 * @module test/integration/reliability/support
 * Helpers for the reliability tests: the three client dialects with what "complete" and
 * "failed" look like on each of their streams (wire-contract §3.3, §3.4, §3.5, §4), a
 * Lynkr + mock upstream pair, and an SSE reader.
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { startMockUpstream, type MockUpstream, type MockUpstreamOptions } from '../../support/mock-upstream/index.js';

export const silent = pino({ level: 'silent' });

export interface SseEvent {
  event?: string;
  data: string;
  json?: any;
}

/** Splits SSE text into events (comments dropped); `json` is the parsed data when it parses. */
export function readSse(text: string): SseEvent[] {
  const out: SseEvent[] = [];
  for (const frame of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0) continue;
    const joined = data.join('\n');
    let json: unknown;
    try {
      json = JSON.parse(joined);
    } catch {
      json = undefined;
    }
    out.push({ event, data: joined, json });
  }
  return out;
}

/** One client dialect: its route, a minimal request, and how its streams end. */
export interface ClientDialect {
  name: 'responses' | 'chat' | 'messages';
  /** Who speaks it (for messages and reports). */
  client: string;
  path: string;
  body(stream: boolean): Record<string, unknown>;
  errorShape: 'openai' | 'anthropic';
  /** True when the stream ended with the dialect's success terminal. */
  completed(events: SseEvent[]): boolean;
  /** The in-stream error message, when the stream ended with the dialect's error. */
  streamError(events: SseEvent[]): string | undefined;
  /** The assistant text of a streamed or JSON answer. */
  text(answer: { text: string; headers: Headers }): string;
}

function answerText(answer: { text: string; headers: Headers }, fromEvent: (e: SseEvent) => string | undefined, fromJson: (body: any) => string): string {
  if ((answer.headers.get('content-type') ?? '').startsWith('text/event-stream')) return readSse(answer.text).map((e) => fromEvent(e) ?? '').join('');
  return fromJson(JSON.parse(answer.text));
}

export const DIALECTS: ClientDialect[] = [
  {
    name: 'responses',
    client: 'Codex (Responses)',
    path: '/v1/responses',
    body: (stream) => ({ model: 'gpt-4o', input: 'hi', stream }),
    errorShape: 'openai',
    completed: (events) => events.some((e) => e.json?.type === 'response.completed'),
    streamError: (events) => {
      const failed = events.find((e) => e.json?.type === 'response.failed');
      return failed ? String(failed.json.response?.error?.message) : undefined;
    },
    text: (answer) =>
      answerText(
        answer,
        (e) => (e.json?.type === 'response.output_text.delta' ? e.json.delta : undefined),
        (b) => b.output.flatMap((item: any) => item.content ?? []).map((c: any) => c.text ?? '').join(''),
      ),
  },
  {
    name: 'chat',
    client: 'OpenAI Chat client',
    path: '/v1/chat/completions',
    body: (stream) => ({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream }),
    errorShape: 'openai',
    completed: (events) => events.some((e) => e.data === '[DONE]'),
    streamError: (events) => {
      const err = events.find((e) => e.json?.error);
      return err ? String(err.json.error.message) : undefined;
    },
    text: (answer) =>
      answerText(
        answer,
        (e) => e.json?.choices?.[0]?.delta?.content ?? undefined,
        (b) => b.choices[0].message.content ?? '',
      ),
  },
  {
    name: 'messages',
    client: 'Claude Code (Messages)',
    path: '/v1/messages?beta=true',
    body: (stream) => ({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'hi' }], stream }),
    errorShape: 'anthropic',
    completed: (events) => events.some((e) => e.event === 'message_stop'),
    streamError: (events) => {
      const err = events.find((e) => e.event === 'error');
      return err ? String(err.json?.error?.message) : undefined;
    },
    text: (answer) =>
      answerText(
        answer,
        (e) => (e.json?.type === 'content_block_delta' ? e.json.delta?.text : undefined),
        (b) => b.content.map((c: any) => c.text ?? '').join(''),
      ),
  },
];

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Milliseconds from sending to the end of the body. */
  ms: number;
}

export async function send(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, ms: Date.now() - started };
}

/** Asserts an HTTP error body in the dialect's shape (wire-contract §4) and returns its message. */
export function assertErrorShape(dialect: ClientDialect | 'openai' | 'anthropic', answer: HttpAnswer): { message: string; type: string; code?: string } {
  const shape = typeof dialect === 'string' ? dialect : dialect.errorShape;
  const requestId = answer.headers.get('x-request-id');
  assert.ok(requestId, 'x-request-id header');
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  const body = JSON.parse(answer.text);
  if (shape === 'anthropic') {
    assert.equal(body.type, 'error', answer.text);
    assert.equal(typeof body.error.type, 'string', answer.text);
    assert.equal(typeof body.error.message, 'string', answer.text);
    assert.equal(body.request_id, requestId, 'Anthropic error body carries the request id');
    return { message: body.error.message, type: body.error.type };
  }
  assert.equal(typeof body.error.message, 'string', answer.text);
  assert.equal(typeof body.error.type, 'string', answer.text);
  assert.ok('code' in body.error && 'param' in body.error, answer.text);
  return { message: body.error.message, type: body.error.type, code: body.error.code ?? undefined };
}

/** Every request must reach the upstream under test: no answer from Lynkr's caches. */
export const NO_CACHE = { PROMPT_CACHE_ENABLED: 'false', SEMANTIC_CACHE_ENABLED: 'false' } as const;

export interface Stack {
  url: string;
  upstream: MockUpstream;
  server: RunningServer;
}

/**
 * Runs `fn` against Lynkr in front of one mock upstream; `env` is Lynkr's configuration,
 * `endpointVar` names the variable that points Lynkr at the mock (OLLAMA_ENDPOINT by default).
 */
export async function withStack(
  { mock, env = {}, endpointVar = 'OLLAMA_ENDPOINT', endpointSuffix = '' }: { mock: MockUpstreamOptions; env?: Record<string, string>; endpointVar?: string; endpointSuffix?: string },
  fn: (stack: Stack) => Promise<void>,
): Promise<void> {
  const upstream = await startMockUpstream(mock);
  let server: RunningServer | undefined;
  try {
    server = await startServer({ env: { ...NO_CACHE, UPSTREAM_MAX_RETRIES: '0', ...env, [endpointVar]: upstream.url + endpointSuffix }, port: 0, logger: silent });
    await fn({ url: server.url, upstream, server });
  } finally {
    await server?.close();
    await upstream.close();
  }
}

/** Polls `check` every 10 ms until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
