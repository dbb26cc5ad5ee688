/**
 * @module dialects/anthropic-messages
 * The Anthropic Messages dialect (`POST /v1/messages`), both ways:
 * - ingress, for Claude Code and Anthropic SDK clients: `decodeRequest`, `encodeResponse`,
 *   `encodeStream`, `encodeError` (wire-contract §1.2, §2.2, §3.4, §4);
 * - egress, for Anthropic and Azure Anthropic upstreams: `encodeRequest`, `decodeStream`,
 *   `decodeError` (§6.3, §6.4, §6.5).
 * Pure functions: no I/O, no configuration, no provider names.
 */
import type { EgressCodec, IngressCodec } from '../types.js';
import { decodeError } from './decode-error.js';
import { decodeRequest } from './decode-request.js';
import { decodeStream } from './decode-stream.js';
import { encodeAnthropicError } from './encode-error.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { AnthropicStreamEncoder, encodeStream } from './encode-stream.js';
import { DIALECT } from './wire-types.js';

/**
 * The codec.
 * @example
 * const req = anthropicMessagesCodec.decodeRequest(body);
 * for await (const sse of anthropicMessagesCodec.encodeStream(events, ctx)) reply.raw.write(sse);
 */
export const anthropicMessagesCodec: IngressCodec & EgressCodec = {
  dialect: DIALECT,
  decodeRequest,
  encodeResponse,
  encodeStream,
  createStreamEncoder: (ctx) => new AnthropicStreamEncoder(ctx),
  encodeError: encodeAnthropicError,
  encodeRequest,
  decodeStream,
  decodeError,
};

export { encodeAnthropicError } from './encode-error.js';
export { anthropicSseFrame } from './sse-frame.js';
export { anthropicErrorType, anthropicErrorMessage, type AnthropicErrorType } from './error-type.js';
export { toAnthropicStopReason, fromAnthropicStopReason } from './map-stop-reason.js';
