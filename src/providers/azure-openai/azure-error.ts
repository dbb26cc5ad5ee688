/**
 * @module providers/azure-openai/azure-error
 * Azure-specific readings of an upstream error, on top of the OpenAI rules the codec
 * applies. Azure's content filter answers a prompt it blocks with a 400 whose
 * `error.code` is `content_filter` (inner code `ResponsibleAIPolicyViolation`); that is a
 * refusal (`content_filter`, shown to the user), not a malformed request.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter
 */
import type { EgressCodec } from '../../dialects/types.js';
import { LynkrError } from '../../ir/errors.js';

type DecodeError = EgressCodec['decodeError'];

/** Wraps a codec's `decodeError` with Azure's content-filter reading. */
export function withAzureErrors(decodeError: DecodeError): DecodeError {
  return function decodeAzureError(status, body, headers) {
    const err = decodeError(status, body, headers);
    if (status === 400 && isContentFilter(body)) {
      return new LynkrError('content_filter', err.message, { cause: body, upstreamStatus: status });
    }
    return err;
  };
}

function isContentFilter(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; innererror?: { code?: unknown } } } | null)?.error;
  return error?.code === 'content_filter' || error?.innererror?.code === 'ResponsibleAIPolicyViolation';
}
