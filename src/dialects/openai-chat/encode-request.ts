/**
 * @module dialects/openai-chat/encode-request
 * `IrRequest` → a Chat Completions request body for OpenAI-compatible upstreams (OpenAI,
 * OpenRouter, llama.cpp, LM Studio, vLLM, Databricks; wire-contract §6.1, §6.3, §6.5).
 * - `tool_choice` and `parallel_tool_calls` are omitted when no tools remain (compaction
 *   requests send `tool_choice:"auto"` with `tools:[]`).
 * - `reasoning_effort` only when an effort was asked for; `xhigh` → `high`, `minimal` → `low`
 *   (the levels every compatible server knows).
 * - `max_tokens` is clamped to the upstream limit; `stream_options.include_usage` is always
 *   requested so usage is exact.
 * - chat-only client fields (`seed`, penalties, `logit_bias`) pass through only from a chat
 *   client (`extensions['openai-chat']`).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import type { IrReasoningEffort, IrRequest, IrResponseFormat } from '../../ir/types.js';
import { encodeFunctionTools } from '../shared/encode-function-tools.js';
import { clampedMaxOutputTokens } from '../shared/output-tokens.js';
import type { EgressContext } from '../types.js';
import { encodeChatMessages } from './encode-messages.js';
import { encodeToolChoice } from './encode-tool-choice.js';

/** Chat client fields forwarded unchanged to a chat upstream. */
const FORWARDED_EXTENSIONS = ['seed', 'frequency_penalty', 'presence_penalty', 'logit_bias'] as const;

export function encodeChatRequest(req: IrRequest, ctx: EgressContext): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: ctx.model,
    messages: encodeChatMessages(req, ctx.toolNames),
  };
  const tools = encodeFunctionTools(req.tools, ctx.toolNames);
  if (tools.length > 0) {
    body.tools = tools;
    if (req.toolChoice) body.tool_choice = encodeToolChoice(req.toolChoice, req.tools, ctx.toolNames);
    if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  }
  const maxTokens = clampedMaxOutputTokens(req, ctx);
  if (maxTokens !== undefined) body.max_tokens = maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop && req.stop.length > 0) body.stop = req.stop;
  if (req.reasoning?.effort) body.reasoning_effort = chatEffort(req.reasoning.effort);
  if (req.responseFormat) {
    const format = encodeResponseFormat(req.responseFormat);
    if (format) body.response_format = format;
  }
  if (req.user) body.user = req.user;
  const ext = req.extensions['openai-chat'];
  if (ext) for (const f of FORWARDED_EXTENSIONS) if (ext[f] !== undefined) body[f] = ext[f];
  body.stream = ctx.stream;
  if (ctx.stream) body.stream_options = { include_usage: true };
  return body;
}

function chatEffort(effort: IrReasoningEffort): 'low' | 'medium' | 'high' {
  switch (effort) {
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
    case 'xhigh':
      return 'high';
  }
}

/** `text` is the default, so it is left out rather than sent. */
function encodeResponseFormat(f: IrResponseFormat): Record<string, unknown> | undefined {
  switch (f.type) {
    case 'text':
      return undefined;
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const js: Record<string, unknown> = { name: f.name ?? 'response', schema: f.schema };
      if (f.strict !== undefined) js.strict = f.strict;
      if (f.description !== undefined) js.description = f.description;
      return { type: 'json_schema', json_schema: js };
    }
  }
}
