/**
 * @module dialects/bedrock-converse/wire-types
 * The parts of the Bedrock Converse wire format this codec writes, as loose types: only the
 * fields Lynkr sends are named (style.md, "parse only what you use").
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */
import type { DialectName } from '../../ir/types.js';

export const DIALECT: DialectName = 'bedrock-converse';

/** Image formats Converse accepts in an `image` block. */
export type ConverseImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export interface ConverseImage {
  format: ConverseImageFormat;
  /** Blob members travel base64-encoded in the JSON body. */
  source: { bytes: string };
}

/** One member of the `ContentBlock` union (exactly one key set). */
export type ConverseBlock =
  | { text: string }
  | { image: ConverseImage }
  | { document: { format: string; name: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: Record<string, unknown> } }
  | { toolResult: { toolUseId: string; content: ConverseToolResultContent[]; status?: 'success' | 'error' } }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } | { redactedContent: string } }
  | { cachePoint: { type: 'default' } };

export type ConverseToolResultContent = { text: string } | { json: unknown } | { image: ConverseImage };

export interface ConverseMessage {
  role: 'user' | 'assistant';
  content: ConverseBlock[];
}

/** A `system` entry: text or a cache checkpoint. */
export type ConverseSystemBlock = { text: string } | { cachePoint: { type: 'default' } };

export interface ConverseToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
}

export type ConverseToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export interface ConverseToolConfig {
  tools: Array<ConverseToolSpec | { cachePoint: { type: 'default' } }>;
  toolChoice?: ConverseToolChoice;
}

export interface ConverseInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

/** The request body of `/model/{modelId}/converse-stream` (the model id is in the path). */
export interface ConverseRequest {
  messages: ConverseMessage[];
  system?: ConverseSystemBlock[];
  inferenceConfig?: ConverseInferenceConfig;
  toolConfig?: ConverseToolConfig;
  additionalModelRequestFields?: Record<string, unknown>;
}

export { isRecord } from '../shared/guards.js';
