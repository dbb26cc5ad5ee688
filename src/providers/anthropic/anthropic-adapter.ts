/**
 * @module providers/anthropic/anthropic-adapter
 * Anthropic Messages upstreams: Anthropic itself and Azure's Anthropic endpoint. Auth is
 * `x-api-key`; `anthropic-version` and the client's `anthropic-beta` are forwarded
 * unchanged (wire-contract §6.5), so Claude Code's betas reach the real API. Anthropic
 * requires `max_tokens`, so translated requests get one.
 */
import { anthropicMessagesCodec } from '../../dialects/anthropic-messages/index.js';
import { createHttpAdapter } from '../http-adapter.js';
import { LynkrError } from '../../ir/errors.js';
import type { PassthroughCall, ProviderAdapter, ProviderName } from '../types.js';
import { readErrorBody, type UpstreamHttp } from '../upstream-http.js';

export interface AnthropicSettings {
  name: ProviderName;
  /** API root without /v1, e.g. https://api.anthropic.com */
  baseUrl: string;
  apiKey?: string;
  model: string;
  maxOutputTokensLimit?: number;
}

export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/** Fields Anthropic's count_tokens endpoint accepts (it rejects max_tokens, stream, …). */
const COUNT_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'mcp_servers'];

export function createAnthropicAdapter(settings: AnthropicSettings, http: UpstreamHttp): ProviderAdapter {
  const headers = (clientHeaders: Record<string, string>): Record<string, string> => {
    const h: Record<string, string> = {
      accept: 'text/event-stream',
      'anthropic-version': clientHeaders['anthropic-version'] ?? DEFAULT_ANTHROPIC_VERSION,
    };
    if (settings.apiKey) h['x-api-key'] = settings.apiKey;
    if (clientHeaders['anthropic-beta']) h['anthropic-beta'] = clientHeaders['anthropic-beta'];
    return h;
  };
  const adapter = createHttpAdapter({
    name: settings.name,
    codec: anthropicMessagesCodec,
    http,
    defaultModel: settings.model,
    frames: 'sse',
    endpoint: () => `${settings.baseUrl}/v1/messages`,
    headers: ({ clientHeaders }) => headers(clientHeaders),
    maxOutputTokensLimit: settings.maxOutputTokensLimit ?? 64_000,
    defaultMaxOutputTokens: 8192,
    servesClaude: () => true,
    passthrough: true,
  });
  adapter.countTokens = async (call: PassthroughCall): Promise<number> => {
    const body = Object.fromEntries(Object.entries(call.body).filter(([k]) => COUNT_FIELDS.includes(k)));
    const res = await http.send({
      url: `${settings.baseUrl}/v1/messages/count_tokens`,
      headers: { ...headers(call.clientHeaders), accept: 'application/json' },
      body: { ...body, model: call.model },
      signal: call.signal,
      provider: settings.name,
    });
    const parsed = (await readErrorBody(res.body)) as { input_tokens?: unknown };
    if (res.status >= 400 || typeof parsed?.input_tokens !== 'number') {
      throw new LynkrError('upstream_error', `${settings.name}: count_tokens failed with status ${res.status}`, { upstreamStatus: res.status });
    }
    return parsed.input_tokens;
  };
  return adapter;
}
