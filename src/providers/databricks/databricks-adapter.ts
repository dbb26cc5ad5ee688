/**
 * @module providers/databricks/databricks-adapter
 * Databricks model serving: OpenAI Chat Completions at a serving endpoint's
 * `/invocations` (databricks-endpoint.ts), `Authorization: Bearer DATABRICKS_API_KEY`.
 * The model is the serving-endpoint name: DATABRICKS_MODEL, else the one the endpoint path
 * names, else whatever `databricks:<endpoint>` the client asked for.
 *
 * Quirks (wire-contract §6.5), handled here and in the openai-chat codec:
 * - Claude-backed endpoints stream `content` as an array of typed parts (`text`, and
 *   `reasoning` with a signature); the codec's decoder normalises both forms;
 * - `stream_options` is refused by Claude-backed (Bedrock-served) endpoints with a 400, and
 *   Databricks reports usage in its chunks anyway, so it is never sent;
 * - no pass-through: even a Chat client's body is re-encoded, so it never sends
 *   `stream_options` and never receives the content-part arrays it cannot parse;
 * - `claude-*` names are not passed on: Databricks endpoint names (`databricks-claude-…`)
 *   differ from Anthropic's model ids, so Claude Code's model maps to the default endpoint;
 * - a 429 keeps its `Retry-After` (the codec reads it; every ingress encoder sends it on);
 *   Bedrock's "Input is too long" wording is a context overflow (databricks-error.ts).
 */
import { openaiChatCodec } from '../../dialects/openai-chat/index.js';
import { LynkrError } from '../../ir/errors.js';
import { createHttpAdapter } from '../http-adapter.js';
import type { ProviderAdapter, ProviderCall } from '../types.js';
import type { UpstreamHttp } from '../upstream-http.js';
import { databricksEndpoint } from './databricks-endpoint.js';
import { withDatabricksErrors } from './databricks-error.js';

export interface DatabricksSettings {
  /** Workspace URL, e.g. https://dbc-1234.cloud.databricks.com */
  apiBase?: string;
  apiKey?: string;
  endpointPath?: string;
  model?: string;
  /** Largest output-token count sent; larger requests are clamped. */
  maxOutputTokensLimit?: number;
}

export function createDatabricksAdapter(settings: DatabricksSettings, http: UpstreamHttp): ProviderAdapter {
  const endpoint = settings.apiBase ? databricksEndpoint({ apiBase: settings.apiBase, endpointPath: settings.endpointPath }) : undefined;
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;

  const base = createHttpAdapter({
    name: 'databricks',
    codec: { ...openaiChatCodec, decodeError: withDatabricksErrors(openaiChatCodec.decodeError) },
    http,
    defaultModel: settings.model ?? endpoint?.model ?? '',
    frames: 'sse',
    endpoint: (model) => endpoint!.url(model),
    headers: () => headers,
    prepareBody: ({ stream_options: _refused, ...body }) => body,
    maxOutputTokensLimit: settings.maxOutputTokensLimit,
    passthrough: false,
  });

  return {
    ...base,
    stream(call: ProviderCall) {
      if (!endpoint) return Promise.reject(new LynkrError('model_not_found', 'databricks is not configured: set DATABRICKS_API_BASE', { param: 'model' }));
      if (!call.model) {
        return Promise.reject(
          new LynkrError('model_not_found', 'databricks has no serving endpoint: set DATABRICKS_MODEL or DATABRICKS_ENDPOINT_PATH, or ask for databricks:<endpoint>', {
            param: 'model',
          }),
        );
      }
      return base.stream(call);
    },
  };
}
