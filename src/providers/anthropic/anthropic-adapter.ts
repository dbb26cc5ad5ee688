/**
 * @module providers/anthropic/anthropic-adapter
 * Anthropic Messages upstreams: Anthropic itself and Azure's Anthropic endpoint. Auth is
 * `x-api-key`; `anthropic-version` and the client's `anthropic-beta` are forwarded
 * unchanged (wire-contract §6.5), so Claude Code's betas reach the real API. Anthropic
 * requires `max_tokens`, so translated requests get one.
 */
import { anthropicMessagesCodec } from '../../dialects/anthropic-messages/index.js';
import { createHttpAdapter } from '../http-adapter.js';
import type { ProviderAdapter, ProviderName } from '../types.js';
import type { UpstreamHttp } from '../upstream-http.js';

export interface AnthropicSettings {
  name: ProviderName;
  /** API root without /v1, e.g. https://api.anthropic.com */
  baseUrl: string;
  apiKey?: string;
  model: string;
  maxOutputTokensLimit?: number;
}

export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

export function createAnthropicAdapter(settings: AnthropicSettings, http: UpstreamHttp): ProviderAdapter {
  return createHttpAdapter({
    name: settings.name,
    codec: anthropicMessagesCodec,
    http,
    defaultModel: settings.model,
    frames: 'sse',
    endpoint: () => `${settings.baseUrl}/v1/messages`,
    headers({ clientHeaders }) {
      const h: Record<string, string> = {
        accept: 'text/event-stream',
        'anthropic-version': clientHeaders['anthropic-version'] ?? DEFAULT_ANTHROPIC_VERSION,
      };
      if (settings.apiKey) h['x-api-key'] = settings.apiKey;
      if (clientHeaders['anthropic-beta']) h['anthropic-beta'] = clientHeaders['anthropic-beta'];
      return h;
    },
    maxOutputTokensLimit: settings.maxOutputTokensLimit ?? 64_000,
    defaultMaxOutputTokens: 8192,
    servesClaude: () => true,
    passthrough: true,
  });
}
