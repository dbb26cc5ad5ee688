/**
 * @module providers/embeddings/create-embeddings-client
 * The embeddings client EMBEDDINGS_PROVIDER names, built from that provider's settings.
 * Models: OLLAMA_EMBEDDINGS_MODEL, OPENAI_EMBEDDINGS_MODEL, OPENROUTER_EMBEDDINGS_MODEL, each
 * with a common default when unset; llama.cpp and LM Studio embed with their configured model
 * (the server must have embeddings enabled).
 */
import type { Config, EmbeddingsProviderName } from '../../config/index.js';
import type { UpstreamHttp } from '../upstream-http.js';
import type { EmbeddingsClient } from './embeddings-client.js';
import { createOllamaEmbeddings } from './ollama-embeddings.js';
import { createOpenAIEmbeddings } from './openai-embeddings.js';

/** Models used when the `*_EMBEDDINGS_MODEL` variable is unset. */
export const DEFAULT_EMBEDDINGS_MODELS = {
  ollama: 'nomic-embed-text',
  openai: 'text-embedding-3-small',
  openrouter: 'openai/text-embedding-3-small',
} as const;

export function createEmbeddingsClient(config: Config, http: UpstreamHttp): EmbeddingsClient {
  const p = config.providers;
  const factories: Record<EmbeddingsProviderName, () => EmbeddingsClient> = {
    ollama: () => createOllamaEmbeddings({ endpoint: p.ollama.endpoint, model: p.ollama.embeddingsModel ?? DEFAULT_EMBEDDINGS_MODELS.ollama }, http),
    openai: () =>
      createOpenAIEmbeddings(
        { provider: 'openai', baseUrl: p.openai.endpoint, apiKey: p.openai.apiKey, model: p.openai.embeddingsModel ?? DEFAULT_EMBEDDINGS_MODELS.openai },
        http,
      ),
    openrouter: () =>
      createOpenAIEmbeddings(
        {
          provider: 'openrouter',
          baseUrl: p.openrouter.endpoint,
          apiKey: p.openrouter.apiKey,
          model: p.openrouter.embeddingsModel ?? DEFAULT_EMBEDDINGS_MODELS.openrouter,
        },
        http,
      ),
    llamacpp: () => createOpenAIEmbeddings({ provider: 'llamacpp', baseUrl: p.llamacpp.endpoint, apiKey: p.llamacpp.apiKey, model: p.llamacpp.model }, http),
    lmstudio: () => createOpenAIEmbeddings({ provider: 'lmstudio', baseUrl: p.lmstudio.endpoint, apiKey: p.lmstudio.apiKey, model: p.lmstudio.model }, http),
  };
  return factories[config.embeddings.provider]();
}
