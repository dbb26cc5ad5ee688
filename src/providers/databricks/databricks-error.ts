/**
 * @module providers/databricks/databricks-error
 * Databricks-specific readings of an upstream error, on top of the OpenAI rules the codec
 * applies. Databricks answers in its own body, `{"error_code":"BAD_REQUEST","message":"…"}`,
 * and relays the serving model's words: its Claude endpoints are served by Bedrock, whose
 * context overflow reads "Input is too long for requested model" (wire-contract §4, first
 * row), which must reach the client as a context overflow, not a plain bad request.
 * @see https://docs.databricks.com/machine-learning/model-serving/model-serving-limits.html
 */
import type { EgressCodec } from '../../dialects/types.js';
import { LynkrError } from '../../ir/errors.js';

type DecodeError = EgressCodec['decodeError'];

const INPUT_TOO_LONG = /input is too long|too many input tokens|input length .* exceeds/i;

/** Wraps a codec's `decodeError` with Databricks' own error wording. */
export function withDatabricksErrors(decodeError: DecodeError): DecodeError {
  return function decodeDatabricksError(status, body, headers) {
    const err = decodeError(status, body, headers);
    if (err.code === 'upstream_bad_request' && INPUT_TOO_LONG.test(err.message)) {
      return new LynkrError('context_length_exceeded', err.message, { cause: body, upstreamStatus: status });
    }
    return err;
  };
}
