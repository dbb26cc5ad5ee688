/**
 * @module cache/answer-key
 * What decides an answer, as cache keys (docs/caching.md §Keys). The prompt-cache key hashes
 * the routed upstream (provider, model, endpoint), the system prompt, every message, the
 * tools, tool choice, sampling, output limit, stop sequences, response format, reasoning and
 * the dialect fields that change the answer. It leaves out what varies between identical
 * questions: the client's model alias, `stream`, the end-user id, cache markers, Codex's
 * `client_metadata` / `prompt_cache_key` / `store` / `include` (all Responses extensions),
 * Chat `metadata` / `store` / `prompt_cache_key` / `include_usage`, Anthropic `metadata`.
 * Claude Code's billing-header system block never reaches the IR (the Anthropic decoder drops it).
 *
 * The semantic-cache scope is the same material without the latest user message, whose text
 * is embedded instead. A conversation with tool calls or tool results, or whose latest message
 * is not plain user text, has no semantic scope: it is never served from or stored in the
 * semantic cache (the "same response for all queries" failure of codex-guide.md).
 */
import { textOf } from '../ir/helpers.js';
import type { DialectName, IrMessage, IrPart, IrRequest, IrTextPart, IrTool } from '../ir/types.js';
import { hashCanonical } from './canonical-hash.js';

/** Bumped whenever the key material changes shape, so old entries are never matched. */
const KEY_VERSION = 1;

/** The upstream an answer comes from. */
export interface UpstreamTarget {
  provider: string;
  model: string;
  /** Where that provider is reached (base URL or region), so two servers with one model name never share answers. */
  endpoint?: string;
}

/** Extension keys that never change the answer: ids, telemetry, storage and billing flags. */
const VOLATILE_EXTENSIONS: Record<DialectName, readonly string[] | 'all'> = {
  // Everything here is either decoded into IR fields (tools, tool_choice, reasoning, text.format)
  // or is client bookkeeping (store, include, prompt_cache_key, client_metadata, previous_response_id).
  'openai-responses': 'all',
  'openai-chat': ['metadata', 'store', 'service_tier', 'prompt_cache_key', 'safety_identifier', 'include_usage'],
  'anthropic-messages': ['metadata', 'service_tier'],
  ollama: [],
  'bedrock-converse': [],
};

function stableExtensions(extensions: IrRequest['extensions']): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [dialect, fields] of Object.entries(extensions) as Array<[DialectName, Record<string, unknown> | undefined]>) {
    const volatile = VOLATILE_EXTENSIONS[dialect] ?? [];
    if (!fields || volatile === 'all') continue;
    const kept = Object.fromEntries(Object.entries(fields).filter(([k]) => !volatile.includes(k)));
    if (Object.keys(kept).length > 0) out[dialect] = kept;
  }
  return out;
}

/** A copy without the cache marker, which says where to cache, not what to answer. */
function withoutMarker<T extends { cacheControl?: unknown }>(value: T): Omit<T, 'cacheControl'> {
  if (value.cacheControl === undefined) return value;
  const { cacheControl: _marker, ...rest } = value;
  return rest;
}

function partMaterial(p: IrPart): unknown {
  switch (p.type) {
    case 'text':
    case 'image':
    case 'document':
      return withoutMarker(p);
    case 'tool_result':
      return { ...withoutMarker(p), content: p.content.map((c) => withoutMarker(c)) };
    case 'tool_call':
    case 'reasoning':
    case 'opaque':
      return p;
  }
}

function toolMaterial(t: IrTool): unknown {
  return t.kind === 'function' ? withoutMarker(t) : t;
}

function messagesMaterial(messages: readonly IrMessage[]): unknown {
  return messages.map((m) => ({ role: m.role, parts: m.parts.map(partMaterial) }));
}

/** Everything except the conversation: the fields that shape any answer in this scope. */
function settingsMaterial(req: IrRequest, target: UpstreamTarget): Record<string, unknown> {
  return {
    v: KEY_VERSION,
    target,
    system: req.system.map((p: IrTextPart) => withoutMarker(p)),
    tools: req.tools.map(toolMaterial),
    toolChoice: req.toolChoice,
    parallelToolCalls: req.parallelToolCalls,
    maxOutputTokens: req.maxOutputTokens,
    temperature: req.temperature,
    topP: req.topP,
    topK: req.topK,
    stop: req.stop,
    reasoning: req.reasoning,
    responseFormat: req.responseFormat,
    extensions: stableExtensions(req.extensions),
  };
}

/**
 * The exact-match key of a request toward `target`.
 * @example promptCacheKey(req, { provider: 'ollama', model: 'qwen2.5-coder:7b', endpoint: 'http://localhost:11434' })
 */
export function promptCacheKey(req: IrRequest, target: UpstreamTarget): string {
  return `prompt:${hashCanonical({ ...settingsMaterial(req, target), messages: messagesMaterial(req.messages) })}`;
}

export interface SemanticScope {
  /** Hash of everything but the latest user message: entries are only compared within one partition. */
  partition: string;
  /** The latest user message's text, the one thing compared by meaning. */
  text: string;
}

/** Whether any message carries a tool call or a tool result. */
export function hasToolTraffic(messages: readonly IrMessage[]): boolean {
  return messages.some((m) => m.role === 'tool' || m.parts.some((p) => p.type === 'tool_call' || p.type === 'tool_result'));
}

/**
 * The semantic-cache scope of a request, or undefined when the semantic cache must not be used:
 * tool calls or results anywhere, a latest message that is not a user message of text only, or empty text.
 */
export function semanticScope(req: IrRequest, target: UpstreamTarget): SemanticScope | undefined {
  const latest = req.messages.at(-1);
  if (!latest || latest.role !== 'user' || hasToolTraffic(req.messages)) return undefined;
  if (latest.parts.some((p) => p.type !== 'text')) return undefined;
  const text = textOf(latest.parts).trim();
  if (text === '') return undefined;
  const partition = hashCanonical({ ...settingsMaterial(req, target), earlier: messagesMaterial(req.messages.slice(0, -1)) });
  return { partition, text };
}
