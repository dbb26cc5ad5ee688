/**
 * @module dialects/bedrock-converse/model-family
 * What a Bedrock model id tells about the model behind it. Converse is one API over many
 * model families, but a few fields are family-specific: Anthropic Claude takes `thinking`
 * and `top_k` through `additionalModelRequestFields`, signed reasoning blocks in history and
 * `cachePoint` blocks; other families reject them. Ids come as a base model id
 * (`anthropic.claude-sonnet-4-5-20250929-v1:0`), a cross-region inference profile
 * (`us.anthropic.…`, `global.anthropic.…`) or an ARN ending in either; an application
 * inference profile ARN names no family, so it gets none of the extras.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 */

const CLAUDE = /(?:^|[./:])anthropic\.claude-/i;
/** Claude generations without extended thinking: Instant, 2.x, and 3.x before 3.7. */
const NO_THINKING = /anthropic\.claude-(?:instant|v2|3-(?!7))/i;
/** Claude generations with Bedrock prompt caching: 3.5 Haiku, 3.7 Sonnet and every later one. */
const NO_CACHE_POINTS = /anthropic\.claude-(?:instant|v2|3-(?!7|5-haiku))/i;

/** Whether the id names an Anthropic Claude model. */
export function isClaudeModel(modelId: string): boolean {
  return CLAUDE.test(modelId);
}

/** Whether the model takes `additionalModelRequestFields.thinking` (Claude 3.7 and later). */
export function supportsThinking(modelId: string): boolean {
  return isClaudeModel(modelId) && !NO_THINKING.test(modelId);
}

/** Whether the model takes `cachePoint` blocks. */
export function supportsCachePoints(modelId: string): boolean {
  return isClaudeModel(modelId) && !NO_CACHE_POINTS.test(modelId);
}
