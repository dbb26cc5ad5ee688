/**
 * @module ir/errors
 * The one error type of Lynkr. Every failure — bad client input, an upstream refusal,
 * a time-out, a broken stream — becomes a `LynkrError` with a stable `code`, an HTTP
 * `status`, a `retryable` flag and a `cause`. Each dialect codec renders it in its own
 * shape (see `dialects/<name>/encode-error.ts`). Matched by marker, not `instanceof`,
 * so copies of the module (tests, bundling) still agree.
 */

const MARKER = Symbol.for('lynkr.error');

/** Stable error codes. The HTTP status each implies is in `STATUS_BY_CODE`. */
export type LynkrErrorCode =
  | 'invalid_request' // 400: the client's request is malformed or unsupported
  | 'invalid_json' // 400: the body is not JSON
  | 'context_length_exceeded' // 400: the prompt does not fit the model
  | 'unauthorized' // 401: the client did not present a valid Lynkr key
  | 'upstream_auth' // 401: the upstream rejected Lynkr's credentials
  | 'permission_denied' // 403
  | 'not_found' // 404: unknown route / response id
  | 'model_not_found' // 404: no route for the model, or the upstream does not know it
  | 'request_too_large' // 413
  | 'rate_limited' // 429 (with retryAfterSeconds when known)
  | 'insufficient_quota' // 429: billing, never retried
  | 'upstream_bad_request' // 400: the upstream rejected the translated request
  | 'upstream_error' // 502: upstream 5xx or protocol error
  | 'upstream_unavailable' // 502: connection refused / reset / DNS
  | 'upstream_timeout' // 504: connect / first byte / idle time-out
  | 'overloaded' // 503: upstream says overloaded
  | 'content_filter' // 400: refused by a safety filter
  | 'internal'; // 500: a bug in Lynkr

export const STATUS_BY_CODE: Record<LynkrErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  context_length_exceeded: 400,
  unauthorized: 401,
  upstream_auth: 401,
  permission_denied: 403,
  not_found: 404,
  model_not_found: 404,
  request_too_large: 413,
  rate_limited: 429,
  insufficient_quota: 429,
  upstream_bad_request: 400,
  upstream_error: 502,
  upstream_unavailable: 502,
  upstream_timeout: 504,
  overloaded: 503,
  content_filter: 400,
  internal: 500,
};

const RETRYABLE: ReadonlySet<LynkrErrorCode> = new Set([
  'rate_limited',
  'upstream_error',
  'upstream_unavailable',
  'upstream_timeout',
  'overloaded',
]);

export interface LynkrErrorOptions {
  status?: number;
  retryable?: boolean;
  cause?: unknown;
  /** Seconds the client should wait before retrying (429, 503). */
  retryAfterSeconds?: number;
  /** The request parameter at fault, when known (OpenAI `param`). */
  param?: string;
  /** The provider involved, for messages and metrics. */
  provider?: string;
  /** Upstream HTTP status, when the error came from the upstream. */
  upstreamStatus?: number;
}

export class LynkrError extends Error {
  readonly [MARKER] = true;
  readonly code: LynkrErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  readonly param?: string;
  readonly provider?: string;
  readonly upstreamStatus?: number;

  constructor(code: LynkrErrorCode, message: string, options: LynkrErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LynkrError';
    this.code = code;
    this.status = options.status ?? STATUS_BY_CODE[code];
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.param = options.param;
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
  }

  static isInstance(value: unknown): value is LynkrError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Turns anything thrown into a LynkrError (unknown errors become `internal`). */
export function toLynkrError(err: unknown): LynkrError {
  if (LynkrError.isInstance(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LynkrError('internal', `Internal error: ${message}`, { cause: err });
}

/** Shorthand for a 400 about the client's request. */
export function invalidRequest(message: string, param?: string): LynkrError {
  return new LynkrError('invalid_request', message, { param });
}
