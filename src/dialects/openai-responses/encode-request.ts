/**
 * @module dialects/openai-responses/encode-request
 * `IrRequest` → a Responses API request body, for upstreams that speak the Responses API
 * (Azure OpenAI Responses deployments, some of which have no chat completions; OpenAI).
 * Used when the client speaks another dialect (Claude Code, Chat clients) or when a stage
 * rewrote a Codex request so the pass-through fast path is off (wire-contract §6.1).
 * - leading system / developer content → `instructions`; the conversation → `input` items;
 * - `store: false` always: Lynkr keeps no upstream state and sends the whole history;
 * - `reasoning` only when an effort was asked for (non-reasoning models reject it), with a
 *   `summary` only when the client asked for one (summaries need organisation access);
 *   `xhigh` only from a Responses client, which knows its model takes it, else `high`;
 * - `max_output_tokens` clamped to the upstream limit and to the API's minimum of 16;
 * - `text.format` for structured output; `stop` has no Responses equivalent and is dropped;
 * - from a Responses client only (its own extensions): `include`, `prompt_cache_key`,
 *   `text.verbosity`, `service_tier`, `safety_identifier`.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import type { IrReasoningEffort, IrRequest, IrResponseFormat } from '../../ir/types.js';
import { clampedMaxOutputTokens } from '../shared/output-tokens.js';
import type { EgressContext } from '../types.js';
import { encodeInputItems } from './encode-input-items.js';
import { encodeToolChoice, encodeTools } from './encode-tools.js';
import { isObject, str } from './wire-values.js';

/** The API rejects `max_output_tokens` below 16. */
const MIN_OUTPUT_TOKENS = 16;

/** Same-dialect fields forwarded as they came. */
const FORWARDED_EXTENSIONS = ['include', 'prompt_cache_key', 'service_tier', 'safety_identifier'] as const;

/**
 * @example
 * encodeResponsesRequest(irRequest, { model: 'my-gpt-5-deployment', toolNames, stream: true })
 * // { model: 'my-gpt-5-deployment', instructions: '…', input: [{ type: 'message', role: 'user', … }], store: false, stream: true, … }
 */
export function encodeResponsesRequest(req: IrRequest, ctx: EgressContext): Record<string, unknown> {
  const body: Record<string, unknown> = { model: ctx.model };
  const instructions = req.system
    .map((p) => p.text)
    .filter((t) => t.length > 0)
    .join('\n\n');
  if (instructions) body.instructions = instructions;
  body.input = encodeInputItems(req, ctx.toolNames);

  const tools = encodeTools(req.tools, ctx.toolNames);
  if (tools.length > 0) {
    body.tools = tools;
    if (req.toolChoice) body.tool_choice = encodeToolChoice(req.toolChoice, req.tools, ctx.toolNames);
    if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  }

  const ext = req.extensions['openai-responses'];
  const maxOutput = clampedMaxOutputTokens(req, ctx);
  if (maxOutput !== undefined) body.max_output_tokens = Math.max(MIN_OUTPUT_TOKENS, maxOutput);
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.reasoning?.effort) {
    const reasoning: Record<string, unknown> = { effort: responsesEffort(req.reasoning.effort, ext !== undefined) };
    if (req.reasoning.summary) reasoning.summary = req.reasoning.summary;
    body.reasoning = reasoning;
  }
  const text = encodeText(req.responseFormat, ext?.text);
  if (text) body.text = text;
  if (ext) for (const key of FORWARDED_EXTENSIONS) if (ext[key] !== undefined) body[key] = ext[key];
  body.store = false;
  body.stream = ctx.stream;
  return body;
}

function responsesEffort(effort: IrReasoningEffort, fromResponsesClient: boolean): IrReasoningEffort {
  return effort === 'xhigh' && !fromResponsesClient ? 'high' : effort;
}

/** `text: {format, verbosity}`; undefined when both are defaults. */
function encodeText(format: IrResponseFormat | undefined, clientText: unknown): Record<string, unknown> | undefined {
  const text: Record<string, unknown> = {};
  const verbosity = isObject(clientText) ? str(clientText.verbosity) : undefined;
  if (verbosity) text.verbosity = verbosity;
  switch (format?.type) {
    case undefined:
    case 'text':
      break;
    case 'json_object':
      text.format = { type: 'json_object' };
      break;
    case 'json_schema': {
      const f: Record<string, unknown> = { type: 'json_schema', name: format.name ?? 'response', schema: format.schema };
      if (format.strict !== undefined) f.strict = format.strict;
      if (format.description !== undefined) f.description = format.description;
      text.format = f;
      break;
    }
  }
  return Object.keys(text).length > 0 ? text : undefined;
}
