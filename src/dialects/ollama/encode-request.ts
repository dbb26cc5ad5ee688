/**
 * @module dialects/ollama/encode-request
 * `IrRequest` → an Ollama `/api/chat` body (egress, wire-contract §6.1, §6.5).
 * - Tools without `strict` (Ollama does not support strict schemas); Ollama has no
 *   `tool_choice`, so `none` is honoured by sending no tools and other choices are dropped.
 * - `think: false` when reasoning was turned off, `true` when it was asked for (enabled or
 *   an effort); otherwise left to the model's default.
 * - `format`: the JSON schema itself, or `"json"`.
 * - `options` always present (the adapter adds `num_ctx`); `num_predict` clamped to the limit.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import type { IrRequest } from '../../ir/types.js';
import { encodeFunctionTools } from '../shared/encode-function-tools.js';
import { clampedMaxOutputTokens } from '../shared/output-tokens.js';
import type { EgressContext } from '../types.js';
import { encodeOllamaMessages } from './encode-messages.js';

export function encodeOllamaRequest(req: IrRequest, ctx: EgressContext): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: ctx.model,
    messages: encodeOllamaMessages(req, ctx.toolNames),
  };
  if (req.toolChoice?.type !== 'none') {
    const tools = encodeFunctionTools(req.tools, ctx.toolNames, false);
    if (tools.length > 0) body.tools = tools;
  }
  body.stream = ctx.stream;
  if (req.reasoning?.enabled === false) body.think = false;
  else if (req.reasoning?.enabled === true || req.reasoning?.effort !== undefined) body.think = true;
  if (req.responseFormat?.type === 'json_schema') body.format = req.responseFormat.schema;
  else if (req.responseFormat?.type === 'json_object') body.format = 'json';

  const options: Record<string, unknown> = {};
  const numPredict = clampedMaxOutputTokens(req, ctx);
  if (numPredict !== undefined) options.num_predict = numPredict;
  if (req.temperature !== undefined) options.temperature = req.temperature;
  if (req.topP !== undefined) options.top_p = req.topP;
  if (req.topK !== undefined) options.top_k = req.topK;
  if (req.stop && req.stop.length > 0) options.stop = req.stop;
  body.options = options;
  return body;
}
