/**
 * @module config/endpoint-url
 * Normalises `*_ENDPOINT` values to the base URL each adapter appends its paths to.
 *
 * Older Lynkr `.env` files hold full endpoint URLs (`OPENAI_ENDPOINT=https://api.openai.com/v1/chat/completions`,
 * which was also the old built-in default for OpenAI and OpenRouter); newer ones hold
 * base URLs. Both must keep working (design.md §4), so each variable has a list of known
 * endpoint suffixes that are stripped. The rules, per variable:
 *
 * - `OLLAMA_ENDPOINT` → the server root. Strips `/api/chat`, `/api/generate`,
 *   `/api/embed`, `/api/embeddings`, `/api`, `/v1/chat/completions`, `/v1`:
 *   `http://localhost:11434/api/chat` → `http://localhost:11434`.
 * - `OPENAI_ENDPOINT`, `OPENROUTER_ENDPOINT` → the `/v1` root as given. Strips
 *   `/chat/completions`, `/responses`, `/completions`, `/embeddings`, `/models`:
 *   `https://api.openai.com/v1/chat/completions` → `https://api.openai.com/v1`. Nothing is
 *   appended, because OpenAI-compatible hosts put their root anywhere (`…/openai/v1`, `…/api/v1`).
 * - `LLAMACPP_ENDPOINT`, `LMSTUDIO_ENDPOINT` → the OpenAI-compatible `/v1` root. Strips
 *   the same suffixes with or without `/v1` (plus llama.cpp's native `/completion`), then
 *   appends `/v1`: `http://h:8080/v1/chat/completions` → `http://h:8080/v1`;
 *   `http://h:8080` → `http://h:8080/v1`.
 * - `ANTHROPIC_ENDPOINT` → the root without `/v1`. Strips `/v1/messages/count_tokens`,
 *   `/v1/messages`, `/v1`: `https://api.anthropic.com/v1/messages` → `https://api.anthropic.com`.
 * - `AWS_BEDROCK_ENDPOINT`, `DATABRICKS_API_BASE` → only the trailing slash is removed.
 * - `AZURE_OPENAI_ENDPOINT`, `AZURE_ANTHROPIC_ENDPOINT` → kept exactly as given (only
 *   checked to be an http(s) URL): the Azure adapters read the deployment, API version and
 *   API flavour out of the full URL.
 *
 * In every case a trailing slash is removed, the query string is kept, a `#fragment` is
 * dropped, and anything that is not an `http://` or `https://` URL is refused.
 */

/** Suffixes stripped from `OLLAMA_ENDPOINT` (longest match first). */
export const OLLAMA_SUFFIXES = [
  '/api/chat',
  '/api/generate',
  '/api/embed',
  '/api/embeddings',
  '/api',
  '/v1/chat/completions',
  '/v1',
] as const;

/** Suffixes stripped from `OPENAI_ENDPOINT` and `OPENROUTER_ENDPOINT`. */
export const OPENAI_SUFFIXES = ['/chat/completions', '/responses', '/completions', '/embeddings', '/models'] as const;

/** Suffixes stripped from `LLAMACPP_ENDPOINT` and `LMSTUDIO_ENDPOINT` before `/v1` is appended. */
export const OPENAI_LOCAL_SUFFIXES = [
  ...OPENAI_SUFFIXES.map((s) => `/v1${s}`),
  '/v1',
  ...OPENAI_SUFFIXES,
  '/completion',
] as const;

/** Suffixes stripped from `ANTHROPIC_ENDPOINT`. */
export const ANTHROPIC_SUFFIXES = ['/v1/messages/count_tokens', '/v1/messages', '/v1'] as const;

/** True when `value` parses as an absolute `http:` or `https:` URL. */
export function isHttpUrl(value: string): boolean {
  return parseHttpUrl(value) !== undefined;
}

function parseHttpUrl(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

function stripTrailingSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}

function render(url: URL, path: string): string {
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `${url.protocol}//${auth}${url.host}${path}${url.search}`;
}

/**
 * Strips a trailing slash and, once, the longest of `knownSuffixes` that ends the path.
 * Throws a `TypeError` when `value` is not an http(s) URL.
 *
 * @example
 * normalizeBaseUrl('https://api.openai.com/v1/chat/completions', OPENAI_SUFFIXES) // 'https://api.openai.com/v1'
 * normalizeBaseUrl('http://localhost:11434/', OLLAMA_SUFFIXES)                     // 'http://localhost:11434'
 */
export function normalizeBaseUrl(value: string, knownSuffixes: readonly string[]): string {
  const url = parseHttpUrl(value.trim());
  if (!url) throw new TypeError('must be an http:// or https:// URL');
  let path = stripTrailingSlashes(url.pathname);
  const suffix = [...knownSuffixes]
    .sort((a, b) => b.length - a.length)
    .find((s) => path.endsWith(stripTrailingSlashes(s)));
  if (suffix) path = stripTrailingSlashes(path.slice(0, path.length - stripTrailingSlashes(suffix).length));
  return render(url, path);
}

/**
 * Normalises a llama.cpp or LM Studio endpoint to its OpenAI-compatible `/v1` root.
 *
 * @example
 * normalizeV1Root('http://h:8080/v1/chat/completions') // 'http://h:8080/v1'
 * normalizeV1Root('http://h:1234')                     // 'http://h:1234/v1'
 */
export function normalizeV1Root(value: string): string {
  const root = normalizeBaseUrl(value, OPENAI_LOCAL_SUFFIXES);
  const url = new URL(root);
  return render(url, `${stripTrailingSlashes(url.pathname)}/v1`);
}
