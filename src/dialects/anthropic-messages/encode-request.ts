/**
 * @module dialects/anthropic-messages/encode-request
 * IrRequest → an Anthropic Messages request body for Anthropic / Azure Anthropic upstreams
 * (wire-contract §6.3, §6.5). `max_tokens` is required by Anthropic and clamped to the
 * upstream limit; `cache_control`, signed thinking blocks and, when the client was itself an
 * Anthropic client, `context_management` / `metadata` / `service_tier` / `container` /
 * `mcp_servers` are forwarded. Betas are headers: the provider adapter forwards them.
 * @see https://docs.anthropic.com/en/api/messages
 */
import type { IrRequest, IrResponseFormat, IrTextPart } from '../../ir/types.js';
import { responseFormatInstruction } from '../shared/response-format-instruction.js';
import type { EgressContext } from '../types.js';
import { encodeMessages } from './encode-messages.js';
import { planThinking } from './encode-thinking.js';
import { encodeToolChoice, encodeTools } from './encode-tools.js';
import { DIALECT, isRecord, type AnthropicBlock } from './wire-types.js';

/** Output tokens asked for when neither the client nor the context says (Anthropic requires a value). */
export const DEFAULT_MAX_TOKENS = 8192;

/** Extension fields passed through verbatim to an Anthropic upstream. */
const PASS_THROUGH = ['service_tier', 'container', 'mcp_servers'] as const;

/**
 * Builds the upstream body.
 * @example
 * encodeRequest(req, { model: 'claude-sonnet-4-5', toolNames: ToolNameMap.forRequest(req), stream: true })
 */
export function encodeRequest(req: IrRequest, ctx: EgressContext): Record<string, unknown> {
  const ext = req.extensions[DIALECT] ?? {};
  const tools = encodeTools(req.tools, ctx.toolNames);
  const messages = encodeMessages(req.messages, ctx.toolNames);
  const toolChoice = tools.length > 0 ? encodeToolChoice(req.toolChoice, req.parallelToolCalls, ctx.toolNames) : undefined;
  const limit = ctx.maxOutputTokensLimit;
  const wanted = req.maxOutputTokens ?? ctx.defaultMaxOutputTokens ?? DEFAULT_MAX_TOKENS;
  const { thinking, maxTokens } = planThinking({
    reasoning: req.reasoning,
    maxTokens: limit !== undefined ? Math.min(wanted, limit) : wanted,
    limit,
    forcedTool: toolChoice?.type === 'any' || toolChoice?.type === 'tool',
    messages,
  });

  const body: Record<string, unknown> = { model: ctx.model, max_tokens: maxTokens };
  const system = encodeSystem(req.system, req.responseFormat);
  if (system.length > 0) body.system = system;
  body.messages = messages;
  if (tools.length > 0) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;
  if (thinking) body.thinking = thinking;
  Object.assign(body, sampling(req, thinking !== undefined));
  const stop = (req.stop ?? []).filter((s) => s.trim() !== ''); // whitespace-only sequences are rejected
  if (stop.length > 0) body.stop_sequences = stop;
  if (isRecord(ext.metadata)) body.metadata = ext.metadata;
  else if (req.user !== undefined) body.metadata = { user_id: req.user };
  const contextManagement = keepContextManagement(ext.context_management, thinking !== undefined);
  if (contextManagement !== undefined) body.context_management = contextManagement;
  for (const key of PASS_THROUGH) if (ext[key] !== undefined) body[key] = ext[key];
  body.stream = ctx.stream;
  return body;
}

/** System text blocks, cache markers kept; a response format becomes a trailing instruction. */
function encodeSystem(parts: readonly IrTextPart[], format: IrResponseFormat | undefined): AnthropicBlock[] {
  const blocks: AnthropicBlock[] = parts
    .filter((p) => p.text.trim() !== '')
    .map((p) => ({ type: 'text', text: p.text, ...(p.cacheControl === undefined ? {} : { cache_control: p.cacheControl }) }));
  const instruction = responseFormatInstruction(format);
  // Appended after the cached prefix, so prompt-cache breakpoints stay where the client put them.
  if (instruction) blocks.push({ type: 'text', text: instruction });
  return blocks;
}

/**
 * Sampling parameters within Anthropic's rules: temperature is 0–1 (OpenAI clients may send
 * up to 2); recent Claude models reject `temperature` together with `top_p`, so top_p yields;
 * with thinking on, temperature and top_k are not allowed and top_p must be 0.95–1.
 */
function sampling(req: IrRequest, thinking: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  if (!thinking && req.temperature !== undefined) out.temperature = Math.min(1, Math.max(0, req.temperature));
  if (req.topP !== undefined && out.temperature === undefined && (!thinking || req.topP >= 0.95)) out.top_p = Math.min(1, req.topP);
  if (!thinking && req.topK !== undefined) out.top_k = req.topK;
  return out;
}

/** `clear_thinking_*` edits are invalid without thinking; other edits (tool-use clearing) stay. */
function keepContextManagement(raw: unknown, thinking: boolean): unknown {
  if (thinking || !isRecord(raw) || !Array.isArray(raw.edits)) return raw;
  const edits = raw.edits.filter((e) => !(isRecord(e) && typeof e.type === 'string' && e.type.startsWith('clear_thinking')));
  return edits.length > 0 ? { ...raw, edits } : undefined;
}
