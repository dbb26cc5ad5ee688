/**
 * @module dialects/openai-responses/response-items
 * Builders for Responses output items, usage and the Response object, shared by the
 * streaming and the non-streaming encoder so both produce identical items
 * (wire-contract §3.1 item payloads, §3.2 usage rules).
 *
 * Codex builds its history only from `response.output_item.done` items and echoes them
 * verbatim on the next request, so what is built here is what `decode-input-items` reads back.
 */
import { normalizeUsage } from '../../ir/helpers.js';
import type { IrReasoningPart, IrUsage } from '../../ir/types.js';
import type { IngressContext } from '../types.js';
import type { ResponseOutcome } from './map-finish.js';
import { encodeReasoningBlob } from './reasoning-blob.js';

/** A Responses output item (a message, reasoning, a call, or an opaque item passed through). */
export type OutputItem = Record<string, unknown>;

export type ItemStatus = 'in_progress' | 'completed';

/** An assistant `message` item; `text` undefined gives the empty item of `output_item.added`. */
export function messageItem({ id, text, status }: { id: string; text?: string; status: ItemStatus }): OutputItem {
  return {
    id,
    type: 'message',
    role: 'assistant',
    status,
    content: text === undefined ? [] : [outputTextPart(text)],
  };
}

/** The `output_text` content part of a message. */
export function outputTextPart(text: string): { type: 'output_text'; text: string; annotations: [] } {
  return { type: 'output_text', text, annotations: [] };
}

/**
 * A `reasoning` item. Codex shows `summary` as the reasoning headline; `content` holds the
 * raw text. Without `text`, the empty item of `output_item.added`.
 */
export function reasoningItem({
  id,
  text,
  summary = text,
  encryptedContent,
}: {
  id: string;
  text?: string;
  summary?: string;
  encryptedContent?: string;
}): OutputItem {
  if (text === undefined) return { id, type: 'reasoning', summary: [] };
  const item: OutputItem = {
    id,
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: summary ?? text }],
    content: [{ type: 'reasoning_text', text }],
  };
  if (encryptedContent !== undefined) item.encrypted_content = encryptedContent;
  return item;
}

/**
 * The `encrypted_content` of a reasoning item: OpenAI's own blob when the reasoning came from
 * an OpenAI Responses upstream, else Lynkr's blob, so Anthropic signatures and DeepSeek
 * reasoning survive Codex's round trip (§6.2).
 */
export function reasoningEncryptedContent(
  part: Pick<IrReasoningPart, 'text' | 'signature' | 'redactedData' | 'provider' | 'encrypted'>,
): string {
  if (part.encrypted?.dialect === 'openai-responses') return part.encrypted.value;
  return encodeReasoningBlob(part);
}

export interface ToolCallItemInput {
  id: string;
  callId: string;
  name: string;
  namespace?: string;
  toolKind: 'function' | 'custom';
  /** JSON arguments (function) or raw input (custom). Empty function arguments become "{}" when completed. */
  payload: string;
  status: ItemStatus;
}

/**
 * A `function_call` or `custom_tool_call` item. `namespace` is set only for namespaced
 * tools: Codex answers "unsupported call" to a flattened name (§5 item 4).
 */
export function toolCallItem({ id, callId, name, namespace, toolKind, payload, status }: ToolCallItemInput): OutputItem {
  const item: OutputItem = {
    id,
    type: toolKind === 'custom' ? 'custom_tool_call' : 'function_call',
    status,
    call_id: callId,
    name,
  };
  if (namespace) item.namespace = namespace;
  if (toolKind === 'custom') item.input = payload;
  else item.arguments = status === 'completed' ? completeArguments(payload) : payload;
  return item;
}

/** Codex accepts `""` for a no-argument call, but `"{}"` is what every tool parser expects (§6.2). */
export function completeArguments(args: string): string {
  return args.trim() === '' ? '{}' : args;
}

/** Responses usage object; every number an integer and `total_tokens` present (§3.2). */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export function renderUsage(usage: IrUsage | undefined): ResponsesUsage {
  const u = normalizeUsage(usage ?? { inputTokens: 0, outputTokens: 0 });
  return {
    input_tokens: u.inputTokens,
    input_tokens_details: { cached_tokens: u.cachedInputTokens ?? 0 },
    output_tokens: u.outputTokens,
    output_tokens_details: { reasoning_tokens: u.reasoningTokens ?? 0 },
    total_tokens: u.inputTokens + u.outputTokens,
  };
}

export interface BuildResponseInput {
  ctx: IngressContext;
  /** In progress, or the terminal outcome. */
  outcome: { status: 'in_progress' } | ResponseOutcome;
  output: OutputItem[];
  usage: ResponsesUsage | null;
  /** Echo the request's raw tools (non-streamed answers); streams send `[]` to keep frames small. */
  echoTools?: boolean;
}

/**
 * The Response object of `response.created` / `.in_progress` / `.completed` / `.incomplete`
 * / `.failed` and of the non-streamed answer. `model` is always the requested model: a
 * different one makes Codex print a bogus "model rerouted" warning (§1.1.4).
 */
export function buildResponse({ ctx, outcome, output, usage, echoTools = false }: BuildResponseInput): OutputItem {
  const req = ctx.request;
  const ext = req.extensions['openai-responses'] ?? {};
  return {
    id: ctx.responseId,
    object: 'response',
    created_at: ctx.createdAt,
    status: outcome.status,
    background: false,
    error: outcome.status === 'failed' ? outcome.error : null,
    incomplete_details: outcome.status === 'incomplete' ? { reason: outcome.reason } : null,
    instructions: null,
    max_output_tokens: req.maxOutputTokens ?? null,
    model: ctx.requestedModel,
    output,
    parallel_tool_calls: req.parallelToolCalls ?? true,
    previous_response_id: ext.previous_response_id ?? null,
    reasoning: { effort: req.reasoning?.effort ?? null, summary: req.reasoning?.summary ?? null },
    store: ext.store ?? false,
    temperature: req.temperature ?? null,
    text: ext.text ?? { format: { type: 'text' } },
    tool_choice: ext.tool_choice ?? 'auto',
    tools: echoTools && Array.isArray(ext.tools) ? ext.tools : [],
    top_p: req.topP ?? null,
    truncation: ext.truncation ?? 'disabled',
    usage,
    user: req.user ?? null,
    metadata: ext.metadata ?? {},
  };
}
