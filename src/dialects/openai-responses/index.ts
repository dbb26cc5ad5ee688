/**
 * @module dialects/openai-responses
 * The OpenAI Responses ingress codec: what Codex CLI and the OpenAI SDKs' `responses` API
 * speak to Lynkr (wire-contract §1.1, §2.1, §3.1–§3.3). Decodes `POST /v1/responses`
 * bodies to the IR and encodes IR answers, streams and errors back.
 */
import type { IngressCodec } from '../types.js';
import { encodeOpenAIError } from '../openai-shared/encode-openai-error.js';
import { decodeRequest } from './decode-request.js';
import { encodeResponse } from './encode-response.js';
import { encodeStream } from './encode-stream.js';

export { decodeRequest } from './decode-request.js';
export { encodeResponse } from './encode-response.js';
export { encodeStream, formatSseFrame } from './encode-stream.js';
export { decodeReasoningBlob, encodeReasoningBlob, REASONING_BLOB_PREFIX } from './reasoning-blob.js';
export { ResponsesStreamTranslator } from './stream-translator.js';

/**
 * @example
 *   const req = openaiResponsesCodec.decodeRequest(body);
 *   for await (const chunk of openaiResponsesCodec.encodeStream(irEvents, ctx)) res.write(chunk);
 */
export const openaiResponsesCodec: IngressCodec = {
  dialect: 'openai-responses',
  decodeRequest,
  encodeResponse,
  encodeStream,
  encodeError: encodeOpenAIError,
};
