/**
 * @module providers/azure-openai/azure-openai-adapter
 * Azure OpenAI in the API its endpoint names (azure-endpoint.ts): the Responses API
 * (dialect `openai-responses`: Codex passes through on the fast path with only `model`
 * rewritten to the deployment; Claude Code and Chat clients are translated) or a
 * deployment's chat completions (dialect `openai-chat`). Authentication is the `api-key`
 * header. The model is the deployment: AZURE_OPENAI_DEPLOYMENT, else the one the URL
 * names, else whatever `azure-openai:<deployment>` the client asked for.
 *
 * Quirks handled here: parameters a deployment's model rejects are adjusted and the call
 * retried (../unsupported-parameters.ts), and Azure's content-filter 400 becomes a refusal.
 */
import { openaiChatCodec } from '../../dialects/openai-chat/index.js';
import { openaiResponsesCodec } from '../../dialects/openai-responses/index.js';
import type { EgressCodec } from '../../dialects/types.js';
import { LynkrError } from '../../ir/errors.js';
import { createHttpAdapter } from '../http-adapter.js';
import type { PassthroughCall, ProviderAdapter, ProviderCall } from '../types.js';
import type { UpstreamHttp } from '../upstream-http.js';
import { withAzureErrors } from './azure-error.js';
import { parseAzureEndpoint, type AzureEndpoint } from './azure-endpoint.js';
import { ParameterAdjustments, streamAdjustingParameters } from '../unsupported-parameters.js';

export interface AzureOpenAISettings {
  /** AZURE_OPENAI_ENDPOINT exactly as configured. */
  endpoint?: string;
  apiKey?: string;
  deployment?: string;
  apiVersion: string;
  /** Largest output-token count sent; larger requests are clamped. */
  maxOutputTokensLimit?: number;
}

const CODECS: Record<AzureEndpoint['api'], EgressCodec> = {
  'openai-responses': openaiResponsesCodec,
  'openai-chat': openaiChatCodec,
};

export function createAzureOpenAIAdapter(settings: AzureOpenAISettings, http: UpstreamHttp): ProviderAdapter {
  const endpoint = settings.endpoint ? parseAzureEndpoint({ endpoint: settings.endpoint, apiVersion: settings.apiVersion }) : undefined;
  const codec = CODECS[endpoint?.api ?? 'openai-chat'];
  const adjustments = new ParameterAdjustments();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (settings.apiKey) headers['api-key'] = settings.apiKey;

  const base = createHttpAdapter({
    name: 'azure-openai',
    codec: { ...codec, decodeError: withAzureErrors(codec.decodeError) },
    http,
    defaultModel: settings.deployment ?? endpoint?.deployment ?? '',
    frames: 'sse',
    endpoint: (deployment) => endpoint!.url(deployment),
    headers: () => headers,
    prepareBody: (body, call) => adjustments.apply(call.model, body),
    maxOutputTokensLimit: settings.maxOutputTokensLimit,
    passthrough: true,
  });

  /** A call needs an endpoint and a deployment; say which setting is missing. */
  function check(model: string): void {
    if (!endpoint) throw new LynkrError('model_not_found', 'azure-openai is not configured: set AZURE_OPENAI_ENDPOINT', { param: 'model' });
    if (!model) {
      throw new LynkrError('model_not_found', 'azure-openai has no deployment: set AZURE_OPENAI_DEPLOYMENT or ask for azure-openai:<deployment>', {
        param: 'model',
      });
    }
  }

  return {
    ...base,
    async stream(call: ProviderCall) {
      check(call.model);
      // A parameter this deployment's model rejects: adjust, remember, try again.
      return streamAdjustingParameters(adjustments, call.model, () => base.stream(call));
    },
    async passthrough(call: PassthroughCall) {
      check(call.model);
      return base.passthrough!(call);
    },
  };
}
