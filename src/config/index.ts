/**
 * @module config
 * Lynkr's configuration: one schema over the environment (and `.env`), parsed once at
 * start-up by `loadConfig`, every problem reported at once by variable name, frozen,
 * with secrets redacted for logs and errors.
 */
export { loadConfig, type LoadConfigOptions } from './load-config.js';
export { ConfigError, formatProblem, type ConfigProblem } from './config-error.js';
export {
  REDACTED,
  SECRET_ENV_NAMES,
  MIN_REDACTABLE_LENGTH,
  isSecretEnvName,
  listSecrets,
  redactConfig,
  redactSecrets,
  redactUrl,
} from './redact.js';
export {
  ANTHROPIC_SUFFIXES,
  OLLAMA_SUFFIXES,
  OPENAI_LOCAL_SUFFIXES,
  OPENAI_SUFFIXES,
  isHttpUrl,
  normalizeBaseUrl,
  normalizeV1Root,
} from './endpoint-url.js';
export { formatModelRef, parseModelMap, parseModelRef, type ModelMapResult, type ModelRef } from './model-ref.js';
export { isLoopbackHost, REQUIRED_SETTINGS } from './check-rules.js';
export { ENV_NAMES, ENV_SCHEMA, type EnvName, type EnvValues } from './schema.js';
export * from './types.js';
