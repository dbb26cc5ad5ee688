/**
 * @module dialects/bedrock-converse/decode-error
 * Bedrock errors → LynkrError (wire-contract §4). An HTTP error names its type in the
 * `x-amzn-ErrorType` header (`ThrottlingException:http://internal.amazon.com/…`), or in the
 * body's `__type` / `code`, with `{"message"}` as the body; an error inside ConverseStream is
 * an exception message (`throttlingException`, `modelStreamErrorException`, …).
 * - ThrottlingException → `rate_limited` with a Retry-After: Bedrock sends none, and Codex
 *   retries a 429 only when it has one (wire-contract §3.6), so the delay AWS SDKs would
 *   start from is supplied unless the response names its own;
 * - ValidationException "Input is too long" (and Claude's "prompt is too long") →
 *   `context_length_exceeded`; an invalid model identifier → `model_not_found`;
 * - AccessDenied / UnrecognizedClient / signature and token errors → `upstream_auth`;
 * - ServiceUnavailable / ModelNotReady → `overloaded`; ServiceQuotaExceeded →
 *   `insufficient_quota` (retrying does not help); ModelTimeout → `upstream_timeout`.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_Errors
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html
 */
import { LynkrError, type LynkrErrorCode } from '../../ir/errors.js';
import { readErrorBody, type ErrorBodyFields } from '../shared/read-error-body.js';
import { headerValue, retryAfterSeconds } from '../shared/upstream-error.js';
import { isRecord } from './wire-types.js';

/** Seconds a client is told to wait after a ThrottlingException that named no delay. */
export const THROTTLING_RETRY_AFTER_SECONDS = 5;

const CONTEXT_OVERFLOW =
  /input is too long|prompt is too long|too many (?:input )?tokens|exceeds? (?:the )?(?:maximum )?context|context (?:length|window|limit)|maximum context/i;
const INVALID_MODEL = /model identifier is invalid|model (?:id )?(?:is )?not (?:found|supported|available)|unknown model/i;

const BY_TYPE: Record<string, LynkrErrorCode> = {
  throttlingexception: 'rate_limited',
  servicequotaexceededexception: 'insufficient_quota',
  accessdeniedexception: 'upstream_auth',
  unrecognizedclientexception: 'upstream_auth',
  invalidsignatureexception: 'upstream_auth',
  incompletesignatureexception: 'upstream_auth',
  missingauthenticationtokenexception: 'upstream_auth',
  expiredtokenexception: 'upstream_auth',
  resourcenotfoundexception: 'model_not_found',
  modeltimeoutexception: 'upstream_timeout',
  modelnotreadyexception: 'overloaded',
  serviceunavailableexception: 'overloaded',
  internalserverexception: 'upstream_error',
  modelerrorexception: 'upstream_error',
  modelstreamerrorexception: 'upstream_error',
};

/**
 * Maps an HTTP error of Bedrock Runtime.
 * @example
 * decodeError(429, { message: 'Too many requests, please wait before trying again.' }, { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' })
 * // LynkrError { code: 'rate_limited', retryAfterSeconds: 5, upstreamStatus: 429 }
 */
export function decodeError(status: number, body: unknown, headers: Record<string, string>): LynkrError {
  const parsed = readBody(body);
  const type = errorTypeOf(headerValue(headers, 'x-amzn-errortype')) ?? parsed.type;
  const message = parsed.message ?? (type ? `${type} (HTTP ${status})` : `Bedrock returned HTTP ${status}`);
  const code = classify(type, message) ?? codeForStatus(status, message);
  const retryAfter = code === 'rate_limited' ? (retryAfterSeconds(headers) ?? THROTTLING_RETRY_AFTER_SECONDS) : undefined;
  return new LynkrError(code, type ? `${type}: ${message}` : message, {
    upstreamStatus: status,
    cause: body,
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  });
}

/**
 * An exception message inside ConverseStream (`{ throttlingException: { message } }` after
 * framing), or the event stream's own `{ error: { code, message } }`.
 */
export function errorFromStreamException(name: string, payload: unknown): LynkrError {
  const { message: bodyMessage, code: bodyCode } = isRecord(payload)
    ? { message: typeof payload.message === 'string' ? payload.message : undefined, code: typeof payload.code === 'string' ? payload.code : undefined }
    : { message: undefined, code: undefined };
  const type = name === 'error' ? (bodyCode ?? 'error') : name;
  const original = isRecord(payload) && typeof payload.originalMessage === 'string' ? ` (${payload.originalMessage})` : '';
  const message = `${bodyMessage ?? 'Bedrock stream error'}${original}`;
  const code = classify(type, message) ?? (CONTEXT_OVERFLOW.test(message) ? 'context_length_exceeded' : 'upstream_error');
  return new LynkrError(code, `${type}: ${message}`, {
    cause: payload,
    ...(code === 'rate_limited' ? { retryAfterSeconds: THROTTLING_RETRY_AFTER_SECONDS } : {}),
  });
}

function classify(type: string | undefined, message: string): LynkrErrorCode | undefined {
  if (!type) return undefined;
  const t = type.toLowerCase();
  if (t === 'validationexception') {
    if (CONTEXT_OVERFLOW.test(message)) return 'context_length_exceeded';
    if (INVALID_MODEL.test(message)) return 'model_not_found';
    return 'upstream_bad_request';
  }
  return BY_TYPE[t];
}

function codeForStatus(status: number, message: string): LynkrErrorCode {
  switch (status) {
    case 400:
      return CONTEXT_OVERFLOW.test(message) ? 'context_length_exceeded' : 'upstream_bad_request';
    case 401:
    case 403:
      return 'upstream_auth';
    case 404:
      return 'model_not_found';
    case 408:
      return 'upstream_timeout';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limited';
    case 503:
      return 'overloaded';
  }
  return status >= 500 ? 'upstream_error' : 'upstream_bad_request';
}

/** `ThrottlingException:http://…` or `com.amazon.coral.service#UnrecognizedClientException` → the bare type. */
function errorTypeOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const bare = raw.split(':')[0].split('#').at(-1)?.trim();
  return bare || undefined;
}

function readBody(body: unknown): ErrorBodyFields {
  return readErrorBody(body, (b) => {
    const message = [b.message, b.Message].find((m): m is string => typeof m === 'string' && m.length > 0);
    const type = [b.__type, b.code].find((t): t is string => typeof t === 'string' && t.length > 0);
    return { ...(message ? { message } : {}), ...(type ? { type: errorTypeOf(type) } : {}) };
  });
}
