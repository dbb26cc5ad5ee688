/**
 * @module server/dialect-for-path
 * Which dialect renders errors for a URL path: Anthropic's shape on `/v1/messages…`, OpenAI's
 * everywhere else (design.md §1). Used for failures that happen before a route runs
 * (unknown route, body too large, invalid JSON).
 */
import { anthropicMessagesCodec } from '../dialects/anthropic-messages/index.js';
import { encodeOpenAIError } from '../dialects/openai-shared/encode-openai-error.js';
import type { EncodedError } from '../dialects/types.js';
import type { LynkrError } from '../ir/errors.js';

export function isAnthropicPath(url: string): boolean {
  const path = url.split('?')[0];
  return /^\/(v1\/)?messages(\/|$)/.test(path);
}

export function encodeErrorForPath(url: string, err: LynkrError): EncodedError {
  return isAnthropicPath(url) ? anthropicMessagesCodec.encodeError(err) : encodeOpenAIError(err);
}
