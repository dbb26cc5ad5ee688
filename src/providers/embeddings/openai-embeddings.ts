/**
 * @module providers/embeddings/openai-embeddings
 * The OpenAI-compatible embeddings endpoint (OpenAI, OpenRouter, llama.cpp's server with
 * `--embeddings`, LM Studio): `POST <base>/embeddings {model, input, encoding_format:"float"}`
 * → `{data: [{index, embedding}], usage: {prompt_tokens}}`. Vectors are put back in input
 * order by `index`.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
import { z } from 'zod';
import { decodeChatError } from '../../dialects/openai-chat/index.js';
import type { UpstreamHttp } from '../upstream-http.js';
import { malformedAnswer, postJson, type EmbeddingsClient } from './embeddings-client.js';

const EmbeddingsAnswer = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
  model: z.string().optional(),
  usage: z.object({ prompt_tokens: z.number().optional() }).optional(),
});

export interface OpenAIEmbeddingsSettings {
  provider: string;
  /** The `/v1` root, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  extraHeaders?: Record<string, string>;
}

export function createOpenAIEmbeddings(settings: OpenAIEmbeddingsSettings, http: UpstreamHttp): EmbeddingsClient {
  const headers: Record<string, string> = { accept: 'application/json', ...settings.extraHeaders };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  return {
    provider: settings.provider,
    model: settings.model,
    async embed(inputs, { signal, dimensions } = {}) {
      const raw = await postJson({
        http,
        provider: settings.provider,
        url: `${settings.baseUrl}/embeddings`,
        headers,
        body: { model: settings.model, input: inputs, encoding_format: 'float', ...(dimensions ? { dimensions } : {}) },
        signal,
        decodeError: decodeChatError,
      });
      const parsed = EmbeddingsAnswer.safeParse(raw);
      if (!parsed.success) throw malformedAnswer(settings.provider, parsed.error.issues[0]?.message ?? 'invalid');
      const vectors: number[][] = [];
      for (const item of parsed.data.data) vectors[item.index] = item.embedding;
      for (let i = 0; i < Math.max(inputs.length, vectors.length); i++) {
        if (i >= inputs.length || !vectors[i]) throw malformedAnswer(settings.provider, `${parsed.data.data.length} vectors for ${inputs.length} inputs`);
      }
      return { vectors, model: parsed.data.model ?? settings.model, promptTokens: parsed.data.usage?.prompt_tokens };
    },
  };
}
