/**
 * @module providers/registry
 * Maps MODEL_PROVIDER names to adapters built from the configuration. Every provider is
 * built (cheaply, no I/O) so that a `provider:model` model name can reach any of them;
 * whether its credentials are present is checked by the config schema for the primary
 * and fallback, and by the provider itself (an upstream 401) for the rest.
 */
import type { Config } from '../config/index.js';
import { createAnthropicAdapter } from './anthropic/anthropic-adapter.js';
import { createAzureOpenAIAdapter } from './azure-openai/azure-openai-adapter.js';
import { createBedrockAdapter } from './bedrock/bedrock-adapter.js';
import { createDatabricksAdapter } from './databricks/databricks-adapter.js';
import { createOllamaAdapter } from './ollama/ollama-adapter.js';
import { createOpenAICompatibleAdapter } from './openai-compatible/openai-compatible-adapter.js';
import type { ProviderAdapter, ProviderName } from './types.js';
import { UpstreamHttp } from './upstream-http.js';

/**
 * Output limit for local OpenAI-compatible servers (Claude Code asks for 64000). Local
 * servers never take the pass-through fast path: their chat templates need Lynkr's
 * normalisation (one leading system message, no `developer` role).
 */
const LOCAL_MAX_OUTPUT_TOKENS = 16_384;
/** Output limit for cloud chat models when the client asks for more (gpt-4o's maximum). */
const CLOUD_MAX_OUTPUT_TOKENS = 16_384;

export class ProviderRegistry {
  readonly http: UpstreamHttp;
  readonly #adapters = new Map<ProviderName, ProviderAdapter>();
  readonly #factories: Partial<Record<ProviderName, () => ProviderAdapter>>;

  constructor(config: Config) {
    this.http = new UpstreamHttp(config.timeouts);
    const p = config.providers;
    const http = this.http;
    this.#factories = {
      ollama: () => createOllamaAdapter(p.ollama, http),
      llamacpp: () =>
        createOpenAICompatibleAdapter(
          { name: 'llamacpp', baseUrl: p.llamacpp.endpoint, model: p.llamacpp.model, apiKey: p.llamacpp.apiKey, maxOutputTokensLimit: LOCAL_MAX_OUTPUT_TOKENS, passthrough: false },
          http,
        ),
      lmstudio: () =>
        createOpenAICompatibleAdapter(
          { name: 'lmstudio', baseUrl: p.lmstudio.endpoint, model: p.lmstudio.model, apiKey: p.lmstudio.apiKey, maxOutputTokensLimit: LOCAL_MAX_OUTPUT_TOKENS, passthrough: false },
          http,
        ),
      openai: () =>
        createOpenAICompatibleAdapter(
          { name: 'openai', baseUrl: p.openai.endpoint, model: p.openai.model, apiKey: p.openai.apiKey, maxOutputTokensLimit: CLOUD_MAX_OUTPUT_TOKENS },
          http,
        ),
      openrouter: () =>
        createOpenAICompatibleAdapter(
          {
            name: 'openrouter',
            baseUrl: p.openrouter.endpoint,
            model: p.openrouter.model,
            apiKey: p.openrouter.apiKey,
            maxOutputTokensLimit: CLOUD_MAX_OUTPUT_TOKENS,
            // OpenRouter's app attribution headers (openrouter.ai/docs/api-reference/overview#headers)
            extraHeaders: { 'HTTP-Referer': 'https://github.com/vishalveerareddy123/Lynkr', 'X-Title': 'Lynkr' },
          },
          http,
        ),
      anthropic: () => createAnthropicAdapter({ name: 'anthropic', baseUrl: p.anthropic.endpoint, apiKey: p.anthropic.apiKey, model: p.anthropic.model }, http),
      'azure-anthropic': () =>
        createAnthropicAdapter(
          {
            name: 'azure-anthropic',
            baseUrl: (p.azureAnthropic.endpoint ?? '').replace(/\/+$/, '').replace(/\/v1(\/messages)?$/, ''),
            apiKey: p.azureAnthropic.apiKey,
            model: p.azureAnthropic.model,
          },
          http,
        ),
      'azure-openai': () => createAzureOpenAIAdapter({ ...p.azureOpenai, maxOutputTokensLimit: CLOUD_MAX_OUTPUT_TOKENS }, http),
      databricks: () => createDatabricksAdapter({ ...p.databricks, maxOutputTokensLimit: CLOUD_MAX_OUTPUT_TOKENS }, http),
      bedrock: () => createBedrockAdapter(p.bedrock, http),
    };
  }

  /** The adapter for a provider name, or undefined when Lynkr cannot reach that provider yet. */
  get(name: ProviderName): ProviderAdapter | undefined {
    let adapter = this.#adapters.get(name);
    if (!adapter) {
      const factory = this.#factories[name];
      if (!factory) return undefined;
      adapter = factory();
      this.#adapters.set(name, adapter);
    }
    return adapter;
  }

  /** Registers an adapter built elsewhere (cloud providers, tests). */
  register(name: ProviderName, factory: () => ProviderAdapter): void {
    this.#factories[name] = factory;
    this.#adapters.delete(name);
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
