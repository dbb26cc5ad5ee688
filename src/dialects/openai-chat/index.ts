/**
 * @module dialects/openai-chat
 * The OpenAI Chat Completions dialect, both directions: ingress for Cursor, Continue and any
 * OpenAI SDK client; egress toward OpenAI, OpenRouter, llama.cpp, LM Studio, vLLM and
 * Databricks. Pure functions: no I/O, no configuration, no provider names.
 *
 * @example
 * import { openaiChatCodec } from './dialects/openai-chat/index.js';
 * const req = openaiChatCodec.decodeRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
 */
import { encodeOpenAIError } from '../openai-shared/encode-openai-error.js';
import type { EgressCodec, IngressCodec } from '../types.js';
import { decodeChatError } from './decode-error.js';
import { decodeChatRequest } from './decode-request.js';
import { ChatStreamDecoder, decodeChatStream } from './decode-stream.js';
import { encodeChatRequest } from './encode-request.js';
import { encodeChatResponse } from './encode-response.js';
import { ChatStreamEncoder, encodeChatStream } from './encode-stream.js';

export const openaiChatCodec: IngressCodec & EgressCodec = {
  dialect: 'openai-chat',
  decodeRequest: decodeChatRequest,
  encodeResponse: encodeChatResponse,
  encodeStream: encodeChatStream,
  createStreamEncoder: (ctx) => new ChatStreamEncoder(ctx),
  encodeError: encodeOpenAIError,
  encodeRequest: encodeChatRequest,
  decodeStream: decodeChatStream,
  createStreamDecoder: () => new ChatStreamDecoder(),
  decodeError: decodeChatError,
};

export { decodeChatError, decodeChatRequest, decodeChatStream, encodeChatRequest, encodeChatResponse, encodeChatStream };
