/**
 * @module providers/openai-compatible/openai-compatible-adapter
 * Every upstream that speaks OpenAI Chat Completions at `<base>/chat/completions`:
 * OpenAI, OpenRouter, llama.cpp's server, LM Studio (and Databricks with its own path).
 * Differences between them are data in the settings (base URL, key, extra headers), not
 * branches in code. Optional parameters a model rejects are dropped or renamed and the call
 * retried (../unsupported-parameters.ts).
 */
import { openaiChatCodec } from '../../dialects/openai-chat/index.js';
import { createHttpAdapter } from '../http-adapter.js';
import type { ProviderAdapter, ProviderCall, ProviderName } from '../types.js';
import { ParameterAdjustments, streamAdjustingParameters } from '../unsupported-parameters.js';
import type { UpstreamHttp } from '../upstream-http.js';

export interface OpenAICompatibleSettings {
  name: ProviderName;
  /** Base URL ending at the API root, e.g. https://api.openai.com/v1 or http://127.0.0.1:8080/v1. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Extra static headers (e.g. OpenRouter attribution). */
  extraHeaders?: Record<string, string>;
  /** Overrides the endpoint URL for a model (Databricks serving endpoints). */
  endpointFor?(model: string): string;
  passthrough?: boolean;
  /** Largest output-token count the upstream accepts; larger requests are clamped. */
  maxOutputTokensLimit?: number;
}

export function createOpenAICompatibleAdapter(settings: OpenAICompatibleSettings, http: UpstreamHttp): ProviderAdapter {
  const headers: Record<string, string> = { accept: 'text/event-stream', ...settings.extraHeaders };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const adjustments = new ParameterAdjustments();
  const base = createHttpAdapter({
    name: settings.name,
    codec: openaiChatCodec,
    http,
    defaultModel: settings.model,
    frames: 'sse',
    endpoint: settings.endpointFor ?? (() => `${settings.baseUrl}/chat/completions`),
    headers: () => headers,
    prepareBody: (body, call) => adjustments.apply(call.model, body),
    passthrough: settings.passthrough ?? true,
    maxOutputTokensLimit: settings.maxOutputTokensLimit,
  });
  return {
    ...base,
    // A parameter this model rejects (reasoning_effort on gpt-4o, max_tokens on o-series): adjust, remember, retry.
    stream: (call: ProviderCall) => streamAdjustingParameters(adjustments, call.model, () => base.stream(call)),
  };
}
