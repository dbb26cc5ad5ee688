/**
 * @module providers/azure-openai/azure-endpoint
 * Reads `AZURE_OPENAI_ENDPOINT` (kept exactly as configured, see config/endpoint-url.ts)
 * and decides which Azure OpenAI API Lynkr speaks and where each call goes. The API the
 * endpoint names decides the dialect:
 *
 * | AZURE_OPENAI_ENDPOINT | API | URL of a call for deployment D |
 * |---|---|---|
 * | `https://r.openai.azure.com` (resource root, also `…/openai`) | chat completions | `…/openai/deployments/D/chat/completions?api-version=V` |
 * | `…/openai/deployments/X/chat/completions?api-version=V` (or `…/openai/deployments/X`) | chat completions | the same with X replaced by D |
 * | `…/openai/responses?api-version=V` | Responses | as given (`api-version` added when missing), `model: D` |
 * | `…/openai/v1/responses` | Responses (v1 GA API) | as given, `model: D` |
 * | `…/openai/v1/chat/completions` | chat completions (v1 GA API) | as given, `model: D` |
 * | `…/openai/v1` (v1 base) | Responses (v1 GA API) | `…/openai/v1/responses`, `model: D` |
 *
 * V is the URL's own `api-version`, else AZURE_OPENAI_API_VERSION. The v1 API takes no
 * `api-version` (one in the URL is kept). A bare `/openai/v1` base gets the Responses API
 * because that is the form Azure documents for Codex (`base_url = …/openai/v1`,
 * `wire_api = "responses"`); name `/openai/v1/chat/completions` for chat completions.
 * Any other path ending in `/chat/completions` or `/responses` (an API gateway in front of
 * Azure) is used as given; any other path is taken as a resource root.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle
 */

/** The wire dialect of the Azure API in use. */
export type AzureApi = 'openai-responses' | 'openai-chat';

export interface AzureEndpoint {
  api: AzureApi;
  /** The URL to POST a call for `deployment` to. */
  url(deployment: string): string;
  /** The deployment the URL itself names (`…/openai/deployments/X/…`). */
  deployment?: string;
}

export interface AzureEndpointInput {
  endpoint: string;
  /** AZURE_OPENAI_API_VERSION, used where the URL has no `api-version`. */
  apiVersion: string;
}

/**
 * @example
 * parseAzureEndpoint({ endpoint: 'https://r.openai.azure.com', apiVersion: '2025-04-01-preview' }).url('gpt-4o')
 * // 'https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2025-04-01-preview'
 * parseAzureEndpoint({ endpoint: 'https://r.openai.azure.com/openai/responses?api-version=2025-04-01-preview', apiVersion: 'x' }).api
 * // 'openai-responses'
 */
export function parseAzureEndpoint({ endpoint, apiVersion }: AzureEndpointInput): AzureEndpoint {
  const url = new URL(endpoint.trim());
  const origin = `${url.protocol}//${url.host}`;
  const path = url.pathname.replace(/\/+$/, '');
  const query = url.searchParams;
  const withVersion = (): string => {
    const q = new URLSearchParams(query);
    if (!q.has('api-version')) q.set('api-version', apiVersion);
    return `?${q.toString()}`;
  };
  const asGiven = (): string => `${origin}${path}${url.search}`;

  let m: RegExpExecArray | null;
  if (/\/openai\/v1\/responses$/.test(path)) return { api: 'openai-responses', url: asGiven };
  if (/\/openai\/v1\/chat\/completions$/.test(path)) return { api: 'openai-chat', url: asGiven };
  if ((m = /^(.*\/openai\/v1)$/.exec(path))) {
    const base = m[1];
    return { api: 'openai-responses', url: () => `${origin}${base}/responses${url.search}` };
  }
  if (/\/openai\/responses$/.test(path)) {
    const version = withVersion();
    return { api: 'openai-responses', url: () => `${origin}${path}${version}` };
  }
  if ((m = /^(.*)\/openai\/deployments\/([^/]+)(?:\/chat\/completions)?$/.exec(path))) {
    return { api: 'openai-chat', deployment: decodeURIComponent(m[2]), url: deploymentsUrl(`${origin}${m[1]}`, withVersion()) };
  }
  if (/\/chat\/completions$/.test(path)) return { api: 'openai-chat', url: asGiven };
  if (/\/responses$/.test(path)) return { api: 'openai-responses', url: asGiven };
  const root = path.replace(/\/openai$/, '');
  return { api: 'openai-chat', url: deploymentsUrl(`${origin}${root}`, withVersion()) };
}

function deploymentsUrl(root: string, query: string): (deployment: string) => string {
  return (deployment) => `${root}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions${query}`;
}
