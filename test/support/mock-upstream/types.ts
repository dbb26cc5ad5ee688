/**
 * @module test/support/mock-upstream/types
 * Shared types of the scripted mock upstreams: the dialect-neutral model turn a script returns,
 * the recorded request a script (and a test) inspects, and the renderer contract each dialect implements.
 */

/** Wire dialects a mock upstream can speak. */
export type MockDialect = 'ollama' | 'openai-chat' | 'anthropic' | 'openai-responses' | 'bedrock';

/** One tool call the scripted model makes. */
export interface MockToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Fixed call id; default is deterministic per dialect (`call_<turn>_<i>`, `toolu_mock_<turn>_<i>`). Ollama never sends ids. */
  id?: string;
  /** openai-responses only: emit the call with this `namespace` (Codex namespaced tools, wire-contract §3.1). */
  namespace?: string;
  /** openai-responses only: emit a `custom_tool_call` with this raw input instead of a `function_call`. */
  input?: string;
}

/** Error returned as the HTTP reply instead of a model turn (before any streaming byte). */
export interface MockHttpError {
  status: number;
  /** Serialised as JSON unless it is a string. */
  body: unknown;
  headers?: Record<string, string>;
}

/** A mid-stream error rendered in the dialect's own in-stream error form, after which the stream ends. */
/** Streaming replies only. */
export interface MockStreamError {
  message: string;
  /** Dialect error type/code, e.g. `overloaded_error` (anthropic), `server_error` (openai). */
  type?: string;
  /** Number of normal stream frames written before the error frame (default 1). */
  afterChunks?: number;
}

/** A scripted model turn in dialect-neutral form; every dialect renders it in its own wire format. */
export interface MockTurn {
  text?: string;
  reasoning?: string;
  toolCalls?: MockToolCall[];
  /** Token usage to report; default is an estimate (≈ chars/4) of the request and the output. */
  usage?: { input: number; output: number };
  finish?: 'stop' | 'length';
  /** Delay between stream frames (streaming replies only). */
  delayMs?: number;
  /** Delay before the status line and headers are written. */
  firstByteDelayMs?: number;
  /** Reply with this HTTP error instead of a turn. */
  error?: MockHttpError;
  /**
   * Destroy the socket after this many stream frames (0: right after the headers). On a non-streaming
   * request, any value sends the headers and half of the JSON body, then destroys the socket.
   */
  cutAfterChunks?: number;
  /** Destroy the socket as soon as the request was read: no status line, no byte (a connection reset). */
  reset?: boolean;
  /** Streaming: after this many frames stop writing but keep the socket open until the client leaves (a hung model). */
  stallAfterChunks?: number;
  streamError?: MockStreamError;
  /** Extra headers on a successful reply. */
  headers?: Record<string, string>;
}

/** A request the mock received, as parsed from the wire. */
export interface RecordedRequest {
  dialect: MockDialect;
  method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string;
  /** Path with the query string, e.g. `/v1/messages?beta=true`. */
  url: string;
  query: Record<string, string>;
  /** Lower-cased header names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, or undefined when empty. Wire data: inspected ad hoc by tests. */
  body: any;
  rawBody: string;
  /** Date.now() when the request was fully read. */
  receivedAt: number;
  /** Date.now() when the reply's connection closed or finished (unset while the reply is in flight). */
  closedAt?: number;
  /** True when the reply was written completely; false when the client (Lynkr) went away first. */
  finished?: boolean;
}

/** Decides the model turn for a model request; `turn` counts script invocations from 0. */
export type MockScript = (req: RecordedRequest, turn: number) => MockTurn | Promise<MockTurn>;

export interface MockUpstreamOptions {
  dialect: MockDialect;
  script: MockScript;
  /** Known models. When set, requests for other models get the dialect's 404 "model not found". */
  models?: string[];
  /** When set, requests must carry this key (`Authorization: Bearer`, or `x-api-key` for anthropic) or get 401. */
  apiKey?: string;
  /** ollama `/api/show`: architecture and context length reported in `model_info` (default llama, 131072). */
  architecture?: string;
  contextLength?: number;
  /** ollama embeddings: vector length (default 16). */
  embeddingDims?: number;
  /** openai-chat: delta field carrying reasoning (default `reasoning_content`, the DeepSeek convention). */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** openai-chat: assistant `content` as an array of typed parts (`text`, signed `reasoning`), as Databricks' Claude endpoints send it. */
  contentParts?: boolean;
  host?: string;
  port?: number;
  /** bedrock: credentials SigV4-signed requests must be signed with (checked by recomputing the signature); region default us-east-1. */
  aws?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; region?: string };
  /** Idle keep-alive time of the mock's sockets (Node's default 5000 ms); a short one lets socket counts settle fast. */
  keepAliveTimeoutMs?: number;
}

export interface MockUpstream {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  /** The model requests that were handed to the script, in order. */
  turnRequests: RecordedRequest[];
  /** Errors thrown by the script (each was answered with a 500). */
  scriptErrors: Error[];
  /**
   * TCP connections currently open to the mock (in flight or idle keep-alive); with `withTraffic`,
   * only those that carried a request (a client's pool may hold connections it never used).
   */
  openSockets(options?: { withTraffic?: boolean }): number;
  close(): Promise<void>;
}

/** Everything a renderer needs besides the turn itself. */
export interface RenderContext {
  request: RecordedRequest;
  turn: number;
  /** Model echoed back (the requested one). */
  model: string;
  usage: { input: number; output: number };
  options: MockUpstreamOptions;
}

/** A complete non-model reply (tags, show, count_tokens, errors…). */
export interface StaticReply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string or undefined. */
  body?: unknown;
}

/** Built-in error situations every dialect renders natively. */
export type MockErrorKind = 'model_not_found' | 'unauthorized' | 'invalid_json' | 'no_route' | 'script_failed';

/** What a dialect implements; all functions are pure. */
export interface DialectRenderer {
  /** True for the endpoint that runs a model turn (handed to the script). */
  isTurnRoute(method: string, path: string): boolean;
  /** Whether a turn request without a `stream` field streams (true for Ollama only). */
  streamByDefault: boolean;
  streamContentType: string;
  /** Model named by a request body ('' when absent). */
  modelOf(body: unknown, req?: RecordedRequest): string;
  /** Whether `requested` is one of `known` (Ollama treats `x` as `x:latest`). */
  modelKnown(requested: string, known: string[]): boolean;
  /** Replies to non-turn endpoints; undefined means no such route. */
  handleOther(req: RecordedRequest, options: MockUpstreamOptions): StaticReply | undefined;
  renderJson(turn: MockTurn, ctx: RenderContext): unknown;
  /** Complete stream frames, each already serialised (an SSE event or an NDJSON line). */
  renderStream(turn: MockTurn, ctx: RenderContext): Array<string | Uint8Array>;
  /** The in-stream error frame, written after `framesWritten` normal frames. */
  renderStreamError(error: MockStreamError, ctx: RenderContext, framesWritten: number): string | Uint8Array;
  /**
   * A built-in error in the dialect's own shape. `detail` is the model name (model_not_found),
   * `METHOD path` (no_route), the parse error (invalid_json) or the script's error message (script_failed).
   */
  errorReply(kind: MockErrorKind, detail: string): StaticReply;
  /** Credential the request carries, for the `apiKey` check. */
  credentialOf(req: RecordedRequest): string | undefined;
  /** Whether a turn request streams, when the route says so rather than a `stream` field (bedrock). */
  isStreamRequest?(req: RecordedRequest): boolean;
  /** Checks credentials itself (SigV4) in place of the `apiKey` comparison: a reply refuses the request. */
  authorize?(req: RecordedRequest, options: MockUpstreamOptions): Promise<StaticReply | undefined>;
}
