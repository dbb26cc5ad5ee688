/**
 * @module config/redact
 * Keeps secrets out of logs and error messages (design.md §4, style rule 8). Three
 * tools: `redactConfig` for logging the configuration, `redactSecrets` for any text
 * that might echo a configured secret (an upstream error body, a debug dump), and
 * `SECRET_ENV_NAMES` for code that prints raw environment values.
 */
import type { EnvName } from './schema.js';
import type { Config } from './types.js';

/** What a secret is replaced with. */
export const REDACTED = '***';

/** Variables whose values are never printed. `REDIS_URL` may carry a password. */
export const SECRET_ENV_NAMES = [
  'LYNKR_API_KEYS',
  'LLAMACPP_API_KEY',
  'LMSTUDIO_API_KEY',
  'OPENAI_API_KEY',
  'OPENROUTER_API_KEY',
  'AZURE_OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'AZURE_ANTHROPIC_API_KEY',
  'AWS_BEDROCK_API_KEY',
  'DATABRICKS_API_KEY',
  'REDIS_URL',
] as const satisfies readonly EnvName[];

export function isSecretEnvName(name: string): boolean {
  return (SECRET_ENV_NAMES as readonly string[]).includes(name);
}

/**
 * Secrets shorter than this are not searched for in text: a one- or two-letter "key"
 * would match inside ordinary words and protects nothing anyway.
 */
export const MIN_REDACTABLE_LENGTH = 4;

/**
 * Replaces every occurrence of each secret in `text` with `***` (longest first, so a
 * secret that contains another is hidden whole).
 *
 * @example
 * redactSecrets('401 for key sk-abc123', ['sk-abc123']) // '401 for key ***'
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const wanted = [...new Set(secrets)]
    .filter((s) => typeof s === 'string' && s.length >= MIN_REDACTABLE_LENGTH)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of wanted) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * Hides the credentials inside a URL (`redis://:pw@host` → `redis://:***@host`); the
 * user name is hidden only when there is no password, since then it is the token.
 */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  if (url.password) url.password = REDACTED;
  else if (url.username) url.username = REDACTED;
  else return value;
  return url.href;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The password (or, without one, the user name) of a URL, as written and decoded. */
function urlCredentials(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const secret = url.password || url.username;
  return secret ? [secret, safeDecode(secret)] : [];
}

/** Every secret value a configuration holds: client keys, provider keys, URL credentials. */
export function listSecrets(config: Config): string[] {
  const found: string[] = [...config.server.apiKeys];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key === 'apiKey') found.push(value);
      else found.push(...urlCredentials(value));
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, child] of Object.entries(value)) visit(child, k);
    }
  };
  visit(config.providers, '');
  if (config.redisUrl) found.push(...urlCredentials(config.redisUrl));
  return [...new Set(found)];
}

/**
 * A copy of `config` safe to log: every `apiKey` and each of `server.apiKeys` becomes
 * `***` (their count stays visible), URL credentials are hidden, and any other string
 * that happens to contain a configured secret has it replaced.
 *
 * @example
 * logger.info({ config: redactConfig(config) }, 'configuration loaded')
 */
export function redactConfig(config: Config): Config {
  const secrets = listSecrets(config);
  const copy = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') {
      if (key === 'apiKey' || key === 'apiKeys') return REDACTED;
      return redactSecrets(redactUrl(value), secrets);
    }
    if (Array.isArray(value)) return value.map((item) => copy(item, key));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, child]) => [k, copy(child, k)]));
    }
    return value;
  };
  return copy(config, '') as Config;
}
