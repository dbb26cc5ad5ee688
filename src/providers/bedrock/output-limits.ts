/**
 * @module providers/bedrock/output-limits
 * The most output tokens each Bedrock model family accepts in `inferenceConfig.maxTokens`.
 * Bedrock rejects a larger value with a ValidationException, and Claude Code asks for 32000+
 * whatever the model, so requests are clamped to these. Lynkr's default model,
 * `anthropic.claude-3-5-sonnet-20241022-v2:0`, takes at most 8192. Unknown families get a
 * conservative 8192.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html
 * @see https://docs.anthropic.com/en/docs/about-claude/models/overview (max output per Claude model)
 */

const LIMITS: ReadonlyArray<[RegExp, number]> = [
  [/anthropic\.claude-(?:instant|v2)/i, 4096],
  [/anthropic\.claude-3-(?:haiku|opus)-/i, 4096],
  [/anthropic\.claude-3-(?:sonnet|5-)/i, 8192],
  [/anthropic\.claude-opus-4(?:-1)?-\d{8}/i, 32_000],
  // Claude 3.7 Sonnet, Sonnet 4 and 4.5, Haiku 4.5, Opus 4.5 and later
  [/anthropic\.claude-/i, 64_000],
  [/meta\.llama/i, 2048],
  [/amazon\.nova-(?:micro|lite|pro)/i, 5000],
];

/** Output tokens asked for when the client names none (Codex never does): as for Anthropic. */
export const DEFAULT_OUTPUT_TOKENS = 8192;
const UNKNOWN_LIMIT = 8192;

/**
 * @example maxOutputTokensFor('us.anthropic.claude-sonnet-4-5-20250929-v1:0') // 64000
 */
export function maxOutputTokensFor(modelId: string): number {
  return LIMITS.find(([pattern]) => pattern.test(modelId))?.[1] ?? UNKNOWN_LIMIT;
}
