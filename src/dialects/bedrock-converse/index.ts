/**
 * @module dialects/bedrock-converse
 * The AWS Bedrock Converse dialect, egress only (no client speaks it to Lynkr): `encodeRequest`
 * builds a Converse / ConverseStream body, `decodeStream` turns ConverseStream events into IR
 * events, `decodeError` maps Bedrock's HTTP errors (wire-contract §4, §6.2, §6.3).
 * Pure functions: no I/O, no configuration, no provider names; the event-stream framing is
 * `pipeline/frames/aws-event-stream.ts`, the URL and signing the Bedrock adapter's.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference.html
 */
import type { EgressCodec } from '../types.js';
import { decodeError } from './decode-error.js';
import { decodeStream } from './decode-stream.js';
import { encodeRequest } from './encode-request.js';
import { DIALECT } from './wire-types.js';

/**
 * The codec.
 * @example
 * const body = bedrockConverseCodec.encodeRequest(req, { model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', toolNames, stream: true });
 * for await (const ev of bedrockConverseCodec.decodeStream(awsEventStreamPayloads(res.body))) …
 */
export const bedrockConverseCodec: EgressCodec = {
  dialect: DIALECT,
  encodeRequest,
  decodeStream,
  decodeError,
};

export { errorFromStreamException, THROTTLING_RETRY_AFTER_SECONDS } from './decode-error.js';
export { isClaudeModel, supportsCachePoints, supportsThinking } from './model-family.js';
