/**
 * @module cache/semantic-cache
 * The semantic cache: an answer is reused for a question that means the same within the same
 * scope. The latest user message is embedded (EMBEDDINGS_PROVIDER), the nearest stored entry of
 * the scope's partition is looked up in the vector index, and it is a hit only when the cosine
 * similarity reaches SEMANTIC_CACHE_THRESHOLD. The partition also names the embeddings model,
 * so vectors of different models are never compared. Entries live PROMPT_CACHE_TTL_MS.
 */
import type { IrResponse } from '../ir/types.js';
import type { EmbeddingsClient } from '../providers/embeddings/embeddings-client.js';
import { hashCanonical } from './canonical-hash.js';
import type { SemanticIndex } from './semantic-index.js';
import { parseStoredResponse } from './stored-response.js';

export interface SemanticHit {
  response: IrResponse;
  similarity: number;
}

export interface SemanticCacheOptions {
  index: SemanticIndex;
  embeddings: EmbeddingsClient;
  /** Cosine similarity a hit needs, 0..1. */
  threshold: number;
  ttlMs: number;
}

export class SemanticCache {
  readonly #index: SemanticIndex;
  readonly #embeddings: EmbeddingsClient;
  readonly threshold: number;
  readonly #ttlMs: number;

  constructor({ index, embeddings, threshold, ttlMs }: SemanticCacheOptions) {
    this.#index = index;
    this.#embeddings = embeddings;
    this.threshold = threshold;
    this.#ttlMs = ttlMs;
  }

  /** The index partition for a scope hash: the scope plus the embeddings model that made the vectors. */
  partition(scope: string): string {
    return hashCanonical({ scope, embedder: [this.#embeddings.provider, this.#embeddings.model] });
  }

  async embed(text: string, signal?: AbortSignal): Promise<number[]> {
    const { vectors } = await this.#embeddings.embed([text], { signal });
    return vectors[0];
  }

  /** The stored answer nearest to `vector` in `partition`, when it is similar enough. */
  lookup(partition: string, vector: readonly number[]): SemanticHit | undefined {
    const match = this.#index.nearest(partition, vector);
    if (!match || match.similarity < this.threshold) return undefined;
    const response = parseStoredResponse(match.value);
    return response ? { response, similarity: match.similarity } : undefined;
  }

  store({ partition, vector, response }: { partition: string; vector: readonly number[]; response: IrResponse }): void {
    this.#index.insert({ scope: partition, vector, value: JSON.stringify(response), ttlMs: this.#ttlMs });
  }

  close(): void {
    this.#index.close();
  }
}
