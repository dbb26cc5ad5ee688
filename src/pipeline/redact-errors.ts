/**
 * @module pipeline/redact-errors
 * Keeps credentials out of what clients are told (issue 6, "upstream credentials and client
 * keys never appear in logs, errors or metrics"). Some upstreams echo the key they were
 * given in their error message ("Incorrect API key provided: sk-…"); Lynkr relays upstream
 * messages, prefixed with the provider, so every error bound for a client — an HTTP error
 * body or an in-stream `error` event — has each configured secret replaced with `***`.
 * Model output is never touched. Logs are scrubbed separately by the logger.
 */
import { listSecrets, redactSecrets, type Config } from '../config/index.js';
import { LynkrError } from '../ir/errors.js';
import type { IrStream } from '../ir/types.js';
import { mapEvents } from './map-events.js';

const SECRETS = new WeakMap<Config, string[]>();

/** Every secret a configuration holds (client keys, provider keys, URL credentials), computed once per config. */
export function secretsOf(config: Config): string[] {
  let secrets = SECRETS.get(config);
  if (!secrets) {
    secrets = listSecrets(config);
    SECRETS.set(config, secrets);
  }
  return secrets;
}

/**
 * The same error with every secret removed from its message (the error itself when there is none).
 * @example
 * redactError(new LynkrError('upstream_auth', 'openai: Incorrect API key provided: sk-abc123'), ['sk-abc123']).message
 * // 'openai: Incorrect API key provided: ***'
 */
export function redactError(err: LynkrError, secrets: readonly string[]): LynkrError {
  const message = redactSecrets(err.message, secrets);
  if (message === err.message) return err;
  return new LynkrError(err.code, message, {
    status: err.status,
    retryable: err.retryable,
    cause: err.cause,
    retryAfterSeconds: err.retryAfterSeconds,
    param: err.param,
    provider: err.provider,
    upstreamStatus: err.upstreamStatus,
  });
}

/** Redacts the `error` events of a stream; every other event passes unchanged. */
export function redactErrorEvents(events: IrStream, secrets: readonly string[]): IrStream {
  return mapEvents(events, {
    map: (ev, emit) => emit(ev.type === 'error' ? { type: 'error', error: redactError(ev.error, secrets) } : ev),
  });
}
