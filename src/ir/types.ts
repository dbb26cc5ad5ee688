/**
 * @module ir/types
 * Lynkr's canonical internal representation (IR): one request, response and
 * stream-event model that every dialect codec decodes to and encodes from.
 * It is ours, not a copy of any wire format. Fields a dialect has that carry
 * no IR meaning yet travel in `extensions`, keyed by dialect name.
 */

/** Names of the wire dialects Lynkr speaks. */
export type DialectName = 'openai-responses' | 'openai-chat' | 'anthropic-messages' | 'ollama' | 'bedrock-converse';

// ---------------------------------------------------------------------------
// Content parts
// ---------------------------------------------------------------------------

/** Plain text. `cacheControl` is Anthropic's breakpoint marker, kept opaque. */
export interface IrTextPart {
  type: 'text';
  text: string;
  cacheControl?: unknown;
}

/** An image, either inline base64 or a URL. */
export interface IrImagePart {
  type: 'image';
  source: { kind: 'base64'; mediaType: string; data: string } | { kind: 'url'; url: string };
  /** OpenAI detail hint: 'low' | 'high' | 'auto' ('original' from Codex is normalised to 'high'). */
  detail?: string;
  cacheControl?: unknown;
}

/** A document (PDF or plain text) the client attached. Most chat upstreams cannot take it. */
export interface IrDocumentPart {
  type: 'document';
  mediaType: string;
  /** base64 data for binary documents */
  data?: string;
  /** text for plain-text documents */
  text?: string;
  title?: string;
  cacheControl?: unknown;
}

/**
 * A call of a tool the request declared, as the model made it (assistant side).
 * `toolKind: 'function'` → `arguments` is JSON text (possibly empty or invalid: never re-parsed here).
 * `toolKind: 'custom'`   → `arguments` is the raw free-form input (e.g. an apply_patch body), not JSON.
 */
export interface IrToolCallPart {
  type: 'tool_call';
  /** Call id as the client knows it (Responses `call_id`, Anthropic `tool_use.id`, chat `tool_calls[].id`). */
  id: string;
  name: string;
  /** Responses namespace (e.g. `multi_agent_v1`, an MCP server) the tool belongs to. */
  namespace?: string;
  toolKind: 'function' | 'custom';
  arguments: string;
}

/** The result of a tool call (user side). */
export interface IrToolResultPart {
  type: 'tool_result';
  /** The id of the call this answers. */
  callId: string;
  /** The tool's name, when the dialect carries it (Ollama `tool_name`). */
  name?: string;
  toolKind?: 'function' | 'custom';
  /** Text and image parts. */
  content: Array<IrTextPart | IrImagePart>;
  isError?: boolean;
  cacheControl?: unknown;
}

/**
 * Model reasoning ("thinking"). `signature` / `redactedData` are Anthropic's and must
 * round-trip byte-exact toward Anthropic-compatible upstreams. `encrypted` is an opaque
 * blob from another dialect (OpenAI `encrypted_content`) with the dialect it came from;
 * encoders forward it only to that same dialect.
 */
export interface IrReasoningPart {
  type: 'reasoning';
  text: string;
  /** Short summary shown to users (Responses `summary`), when distinct from `text`. */
  summary?: string;
  signature?: string;
  /** Anthropic `redacted_thinking.data`. When set, `text` is empty. */
  redactedData?: string;
  /** The provider family that produced it, e.g. 'anthropic', 'deepseek', 'ollama'. */
  provider?: string;
  encrypted?: { dialect: DialectName; value: string };
}

/**
 * Something a dialect sends that has no IR meaning (a hosted web_search call, a remote
 * compaction item, a server-tool block). Encoders of the same dialect may pass it through;
 * every other encoder drops it.
 */
export interface IrOpaquePart {
  type: 'opaque';
  dialect: DialectName;
  value: unknown;
}

export type IrPart =
  | IrTextPart
  | IrImagePart
  | IrDocumentPart
  | IrToolCallPart
  | IrToolResultPart
  | IrReasoningPart
  | IrOpaquePart;

// ---------------------------------------------------------------------------
// Messages and tools
// ---------------------------------------------------------------------------

/**
 * One conversation message.
 * - `user`: text, image, document parts.
 * - `assistant`: text, reasoning, tool_call parts (in the order the model produced them).
 * - `tool`: tool_result parts only, answering the tool calls of the assistant message before it.
 * - `system`: a mid-conversation system/developer message that keeps its position
 *   (leading system content lives in `IrRequest.system`). Encoders that need one leading
 *   system message hoist these (see `ir/helpers.ts`).
 */
export interface IrMessage {
  role: 'user' | 'assistant' | 'tool' | 'system';
  parts: IrPart[];
}

/** A JSON Schema object, kept as given. */
export type JsonSchema = Record<string, unknown>;

/** A tool the model may call. */
export interface IrFunctionTool {
  kind: 'function';
  name: string;
  /** Responses namespace this tool was declared under. */
  namespace?: string;
  description?: string;
  parameters: JsonSchema;
  strict?: boolean;
  cacheControl?: unknown;
}

/** A free-form (custom) tool: its input is raw text, optionally constrained by a grammar. */
export interface IrCustomTool {
  kind: 'custom';
  name: string;
  namespace?: string;
  description?: string;
  /** e.g. { type: 'grammar', syntax: 'lark', definition: '…' } */
  format?: unknown;
}

/** A tool the provider runs itself (web_search, Anthropic server tools). Passed through to its own dialect only. */
export interface IrHostedTool {
  kind: 'hosted';
  dialect: DialectName;
  /** e.g. 'web_search', 'web_search_20250305', 'tool_search' */
  type: string;
  value: unknown;
}

export type IrTool = IrFunctionTool | IrCustomTool | IrHostedTool;

export type IrToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string; namespace?: string };

export type IrReasoningEffort = 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

export interface IrReasoningConfig {
  /** true: thinking requested; false: explicitly disabled; undefined: not said. */
  enabled?: boolean;
  effort?: IrReasoningEffort;
  budgetTokens?: number;
  /** Responses `reasoning.summary`. */
  summary?: string;
}

export type IrResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name?: string; schema: JsonSchema; strict?: boolean; description?: string };

/** The canonical request. */
export interface IrRequest {
  /** The model name exactly as the client sent it. */
  model: string;
  /** Leading system / developer / instructions content, in order. */
  system: IrTextPart[];
  messages: IrMessage[];
  tools: IrTool[];
  toolChoice?: IrToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  reasoning?: IrReasoningConfig;
  responseFormat?: IrResponseFormat;
  stream: boolean;
  /** End-user id when the client gave one (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /**
   * Dialect fields with no IR meaning, keyed by the dialect that decoded them, e.g.
   * `extensions['openai-responses'] = { store, include, prompt_cache_key, client_metadata, … }`.
   * Only an encoder of the same dialect may read them.
   */
  extensions: Partial<Record<DialectName, Record<string, unknown>>>;
}

// ---------------------------------------------------------------------------
// Responses and streams
// ---------------------------------------------------------------------------

/** Why the model stopped. `raw` keeps the upstream's own word. */
export type IrFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'stop_sequence' | 'pause' | 'error' | 'other';

/**
 * Token usage. `inputTokens` is the whole prompt, cached parts included (OpenAI's convention);
 * Anthropic's encoder subtracts cache reads and writes to get its own `input_tokens`.
 */
export interface IrUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens served from the provider's prompt cache. */
  cachedInputTokens?: number;
  /** Prompt tokens written to the provider's prompt cache (Anthropic, Bedrock). */
  cacheWriteInputTokens?: number;
  reasoningTokens?: number;
  /** true when Lynkr estimated the numbers because the upstream reported none. */
  estimated?: boolean;
}

/** A complete (non-streamed) model answer. */
export interface IrResponse {
  id: string;
  /** The model the upstream reports having used. Ingress encoders report the *requested* model instead. */
  model?: string;
  /** Assistant parts in order: reasoning, text, tool_call. */
  parts: IrPart[];
  finishReason: IrFinishReason;
  rawFinishReason?: string;
  /** The stop sequence that ended generation, when finishReason is 'stop_sequence'. */
  stopSequence?: string;
  usage: IrUsage;
}

/**
 * Stream events, with an explicit block lifecycle:
 *   start → ( text-start → text-delta* → text-end
 *           | reasoning-start → reasoning-delta* → reasoning-end
 *           | tool-call-start → tool-call-delta* → tool-call-end )* → usage? → finish
 * Blocks do not interleave: a producer closes one block before it opens the next
 * (tests assert it with `assertIrLifecycle` in test/support/ir-lifecycle.ts). An `error` event ends the stream
 * in place of `finish`. `keepalive` may appear anywhere: it carries nothing and tells
 * ingress encoders the upstream is still working (they emit their dialect's liveness event).
 */
export type IrStreamEvent =
  | { type: 'start'; id?: string; model?: string; usage?: Partial<IrUsage> }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'reasoning-start'; id: string; provider?: string }
  | { type: 'reasoning-delta'; id: string; delta: string }
  | {
      type: 'reasoning-end';
      id: string;
      signature?: string;
      redactedData?: string;
      encrypted?: { dialect: DialectName; value: string };
    }
  | { type: 'tool-call-start'; id: string; name: string; namespace?: string; toolKind: 'function' | 'custom' }
  | { type: 'tool-call-delta'; id: string; delta: string }
  | { type: 'tool-call-end'; id: string }
  | { type: 'opaque'; dialect: DialectName; value: unknown }
  | { type: 'usage'; usage: IrUsage }
  | { type: 'finish'; reason: IrFinishReason; rawReason?: string; stopSequence?: string; usage?: IrUsage }
  | { type: 'error'; error: import('./errors.js').LynkrError }
  | { type: 'keepalive' };

export type IrStream = AsyncIterable<IrStreamEvent>;
