/**
 * @module providers/embeddings/ollama-embeddings
 * Ollama's native embeddings endpoint: `POST /api/embed {model, input: [texts]}` →
 * `{model, embeddings: [[…]], prompt_eval_count}` (vectors come L2-normalised).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings
 */
import { z } from 'zod';
import { decodeOllamaError } from '../../dialects/ollama/index.js';
import type { UpstreamHttp } from '../upstream-http.js';
import { malformedAnswer, postJson, type EmbeddingsClient } from './embeddings-client.js';

const EmbedAnswer = z.object({
  model: z.string().optional(),
  embeddings: z.array(z.array(z.number())),
  prompt_eval_count: z.number().optional(),
});

export interface OllamaEmbeddingsSettings {
  /** Server root, e.g. http://localhost:11434. */
  endpoint: string;
  model: string;
}

export function createOllamaEmbeddings(settings: OllamaEmbeddingsSettings, http: UpstreamHttp): EmbeddingsClient {
  return {
    provider: 'ollama',
    model: settings.model,
    async embed(inputs, { signal, dimensions } = {}) {
      const raw = await postJson({
        http,
        provider: 'ollama',
        url: `${settings.endpoint}/api/embed`,
        headers: { accept: 'application/json' },
        body: { model: settings.model, input: inputs, ...(dimensions ? { dimensions } : {}) },
        signal,
        decodeError: decodeOllamaError,
      });
      const parsed = EmbedAnswer.safeParse(raw);
      if (!parsed.success) throw malformedAnswer('ollama', parsed.error.issues[0]?.message ?? 'invalid');
      if (parsed.data.embeddings.length !== inputs.length) throw malformedAnswer('ollama', `${parsed.data.embeddings.length} vectors for ${inputs.length} inputs`);
      return { vectors: parsed.data.embeddings, model: settings.model, promptTokens: parsed.data.prompt_eval_count };
    },
  };
}
