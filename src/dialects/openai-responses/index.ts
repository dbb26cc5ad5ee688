/**
 * @module dialects/openai-responses
 * The OpenAI Responses codec, both directions. Ingress: what Codex CLI and the OpenAI SDKs'
 * `responses` API speak to Lynkr (wire-contract §1.1, §2.1, §3.1–§3.3): decodes
 * `POST /v1/responses` bodies to the IR and encodes IR answers, streams and errors back.
 * Egress: what Lynkr speaks to a Responses upstream (Azure OpenAI Responses deployments):
 * encodes IR requests and decodes the upstream's event stream and errors.
 */
import type { EgressCodec, IngressCodec } from '../types.js';
import { encodeOpenAIError } from '../openai-shared/encode-openai-error.js';
import { decodeResponsesError } from './decode-error.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponsesStream } from './decode-stream.js';
import { encodeResponsesRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { encodeStream, ResponsesStreamEncoder } from './encode-stream.js';
import { ResponseEventDecoder } from './response-event-decoder.js';

export { decodeRequest } from './decode-request.js';
export { encodeResponse } from './encode-response.js';
export { encodeStream, formatSseFrame } from './encode-stream.js';
export { decodeReasoningBlob, encodeReasoningBlob, REASONING_BLOB_PREFIX } from './reasoning-blob.js';
export { ResponsesStreamTranslator } from './stream-translator.js';
export { encodeResponsesRequest } from './encode-request.js';
export { decodeResponsesStream } from './decode-stream.js';
export { decodeResponsesError, decodeStreamFailure } from './decode-error.js';
export { ResponseEventDecoder } from './response-event-decoder.js';

/**
 * @example
 *   const req = openaiResponsesCodec.decodeRequest(body);
 *   for await (const chunk of openaiResponsesCodec.encodeStream(irEvents, ctx)) res.write(chunk);
 *   const upstreamBody = openaiResponsesCodec.encodeRequest(req, { model: 'my-deployment', toolNames, stream: true });
 */
export const openaiResponsesCodec: IngressCodec & EgressCodec = {
  dialect: 'openai-responses',
  decodeRequest,
  encodeResponse,
  encodeStream,
  createStreamEncoder: (ctx) => new ResponsesStreamEncoder(ctx),
  encodeError: encodeOpenAIError,
  encodeRequest: encodeResponsesRequest,
  decodeStream: decodeResponsesStream,
  createStreamDecoder: () => new ResponseEventDecoder(),
  decodeError: decodeResponsesError,
};
