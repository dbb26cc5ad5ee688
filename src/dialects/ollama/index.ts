/**
 * @module dialects/ollama
 * Ollama's native `/api/chat` dialect, egress only (Lynkr never serves it to clients).
 * Native rather than Ollama's OpenAI-compatible endpoint because only the native one takes
 * `options.num_ctx` (wire-contract §6.5). Pure functions: the adapter adds `num_ctx` and
 * `keep_alive`, and frames the NDJSON.
 *
 * @example
 * import { ollamaCodec } from './dialects/ollama/index.js';
 * const body = ollamaCodec.encodeRequest(req, { model: 'qwen2.5-coder:7b', toolNames, stream: true });
 */
import type { EgressCodec } from '../types.js';
import { decodeOllamaError } from './decode-error.js';
import { decodeOllamaStream, OllamaStreamDecoder } from './decode-stream.js';
import { encodeOllamaRequest } from './encode-request.js';

export const ollamaCodec: EgressCodec = {
  dialect: 'ollama',
  encodeRequest: encodeOllamaRequest,
  decodeStream: decodeOllamaStream,
  createStreamDecoder: () => new OllamaStreamDecoder(),
  decodeError: decodeOllamaError,
};

export { decodeOllamaError, decodeOllamaStream, encodeOllamaRequest };
