/**
 * @module dialects/bedrock-converse/encode-request
 * IrRequest → a Converse / ConverseStream request body (wire-contract §6.1 "Parameters",
 * §6.3 "Bedrock Converse specifics"). The model id travels in the URL path (the adapter's
 * job), so the body has none; nothing Anthropic-specific beyond what Converse defines is
 * sent: no `anthropic_beta`, no `anthropic-beta` (§6.5, "strip unsupported betas").
 * - `inferenceConfig.maxTokens` is always set (Claude requires it; Codex never sends one),
 *   clamped to the model's limit; temperature is 0–1; blank stop sequences are dropped;
 * - for Claude 3.7 and later, reasoning becomes `additionalModelRequestFields.thinking`
 *   under Claude's own rules (budget ≥ 1024 and below maxTokens, none with a forced tool or
 *   when a tool loop's last assistant turn has no signed reasoning), shared with the
 *   Anthropic codec; with thinking on, temperature and top_k are left out and topP must be
 *   ≥ 0.95; `top_k` otherwise goes to Claude through `additionalModelRequestFields`;
 * - a JSON response format becomes a trailing system instruction (Converse has no
 *   response_format).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html
 */
import type { IrRequest, IrResponseFormat, IrTextPart } from '../../ir/types.js';
import { planThinking } from '../anthropic-messages/encode-thinking.js';
import { clampedMaxOutputTokens } from '../shared/output-tokens.js';
import { responseFormatInstruction } from '../shared/response-format-instruction.js';
import type { EgressContext } from '../types.js';
import { CachePoints } from './cache-points.js';
import { encodeMessages } from './encode-messages.js';
import { encodeDeclaredTools, encodeToolConfig } from './encode-tools.js';
import { isClaudeModel, supportsCachePoints, supportsThinking } from './model-family.js';
import type { ConverseInferenceConfig, ConverseMessage, ConverseRequest, ConverseSystemBlock } from './wire-types.js';

/** Output tokens asked for when neither the client nor the adapter gives a number. */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * Builds the body.
 * @example
 * encodeRequest(req, { model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', toolNames: ToolNameMap.forRequest(req), stream: true })
 * // { messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 4096 } }
 */
export function encodeRequest(req: IrRequest, ctx: EgressContext): Record<string, unknown> {
  const claude = isClaudeModel(ctx.model);
  const cachePoints = new CachePoints(supportsCachePoints(ctx.model));
  // Cache points are taken in Anthropic's prompt order: tools, then system, then messages.
  const declared = encodeDeclaredTools({ tools: req.tools, toolChoice: req.toolChoice, toolNames: ctx.toolNames, cachePoints });
  const system = encodeSystem(req.system, req.responseFormat, cachePoints);
  const messages = encodeMessages(req.messages, { toolNames: ctx.toolNames, claude, cachePoints });
  const toolConfig = encodeToolConfig(declared, messages);
  const forcedTool = toolConfig?.toolChoice !== undefined && !('auto' in toolConfig.toolChoice);

  const maxTokens = clampedMaxOutputTokens(req, ctx) ?? Math.min(DEFAULT_MAX_TOKENS, ctx.maxOutputTokensLimit ?? DEFAULT_MAX_TOKENS);
  const plan = supportsThinking(ctx.model)
    ? planThinking({
        reasoning: lastTurnLacksReasoning(messages) ? undefined : req.reasoning,
        maxTokens,
        limit: ctx.maxOutputTokensLimit,
        forcedTool,
        messages: [],
      })
    : { maxTokens };
  const thinking = plan.thinking !== undefined;

  const inference: ConverseInferenceConfig = { maxTokens: plan.maxTokens };
  if (!thinking && req.temperature !== undefined) inference.temperature = Math.min(1, Math.max(0, req.temperature));
  if (req.topP !== undefined && (!thinking || req.topP >= 0.95)) inference.topP = Math.min(1, Math.max(0, req.topP));
  const stop = (req.stop ?? []).filter((s) => s.trim() !== '');
  if (stop.length > 0) inference.stopSequences = stop;

  const additional: Record<string, unknown> = {};
  if (plan.thinking) additional.thinking = plan.thinking;
  if (claude && !thinking && req.topK !== undefined) additional.top_k = req.topK;

  const body: ConverseRequest = { messages };
  if (system.length > 0) body.system = system;
  body.inferenceConfig = inference;
  if (toolConfig) body.toolConfig = toolConfig;
  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;
  return body as unknown as Record<string, unknown>;
}

/** System text blocks (blank ones dropped), cache points kept, a response format appended last. */
function encodeSystem(parts: readonly IrTextPart[], format: IrResponseFormat | undefined, cachePoints: CachePoints): ConverseSystemBlock[] {
  const out: ConverseSystemBlock[] = [];
  for (const p of parts) {
    if (p.text.trim() === '') continue;
    out.push({ text: p.text });
    if (p.cacheControl !== undefined) out.push(...cachePoints.take());
  }
  const instruction = responseFormatInstruction(format);
  if (instruction) out.push({ text: instruction });
  return out;
}

/**
 * True when the request continues a tool loop (the last user message carries tool results)
 * and the assistant turn before it does not start with reasoning: Claude rejects thinking
 * then, as on Anthropic's own API.
 */
export function lastTurnLacksReasoning(messages: readonly ConverseMessage[]): boolean {
  const last = messages.at(-1);
  const prev = messages.at(-2);
  if (!last || last.role !== 'user' || !prev || prev.role !== 'assistant') return false;
  if (!last.content.some((b) => 'toolResult' in b)) return false;
  const first = prev.content[0];
  return first === undefined || !('reasoningContent' in first);
}
