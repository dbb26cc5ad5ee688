/**
 * @module cache/cache-services
 * Builds the caches once at start-up from the configuration and closes them at shutdown:
 * - the prompt cache (PROMPT_CACHE_ENABLED) on Redis when REDIS_URL is set, else on SQLite
 *   at `<LYNKR_DATA_DIR>/prompt-cache.db`;
 * - the semantic cache (SEMANTIC_CACHE_ENABLED) with its sqlite-vec index at
 *   `<LYNKR_DATA_DIR>/semantic-cache.db` (per process: vector search is not shared through Redis);
 * - the embeddings client (EMBEDDINGS_PROVIDER), used by the semantic cache and `/v1/embeddings`;
 * - the savings recorder (metrics of tokens and dollars saved), priced like the usage reports.
 * The cache metrics start from zero at each start, like the request metrics.
 * A cache that cannot be opened (unwritable data directory) is switched off with a warning:
 * Lynkr still answers, only without that cache.
 */
import { join } from 'node:path';
import type { Config } from '../config/index.js';
import type { Logger } from '../observability/logger.js';
import type { PriceBook } from '../observability/price-book.js';
import type { PipelineServices } from '../pipeline/handle-model-request.js';
import { createEmbeddingsClient } from '../providers/embeddings/create-embeddings-client.js';
import type { EmbeddingsClient } from '../providers/embeddings/embeddings-client.js';
import type { UpstreamHttp } from '../providers/upstream-http.js';
import type { CacheStore } from '../store/cache-store.js';
import { RedisCacheStore } from '../store/cache-store-redis.js';
import { SqliteCacheStore } from '../store/cache-store-sqlite.js';
import { resetCacheMetrics } from './cache-metrics.js';
import { PromptCache } from './prompt-cache.js';
import { SavingsRecorder } from './savings-recorder.js';
import { SemanticCache } from './semantic-cache.js';
import { SemanticIndex } from './semantic-index.js';

export interface CacheServices {
  prompt?: PromptCache;
  semantic?: SemanticCache;
  embeddings: EmbeddingsClient;
  /** Records tokens and dollars saved by each mechanism. */
  savings: SavingsRecorder;
  /** Closes every store; safe to call more than once. */
  close(): Promise<void>;
}

export interface CreateCacheServicesInput {
  config: Config;
  http: UpstreamHttp;
  log: Logger;
  /** The server's price book (observability), for the dollars saved. */
  prices: PriceBook;
}

export function createCacheServices({ config, http, log, prices }: CreateCacheServicesInput): CacheServices {
  resetCacheMetrics();
  const embeddings = createEmbeddingsClient(config, http);
  const dataDir = config.server.dataDir;
  const opened = <T>(what: string, open: () => T): T | undefined => {
    try {
      return open();
    } catch (err) {
      log.warn({ err: (err as Error).message, dataDir }, `${what} is off: it could not be opened`);
      return undefined;
    }
  };

  const store = config.cache.promptEnabled
    ? opened<CacheStore>('prompt cache', () =>
        config.redisUrl ? new RedisCacheStore({ url: config.redisUrl }) : new SqliteCacheStore(join(dataDir, 'prompt-cache.db')),
      )
    : undefined;
  const prompt = store ? new PromptCache(store, config.cache.promptTtlMs) : undefined;

  const index = config.cache.semanticEnabled ? opened('semantic cache', () => new SemanticIndex(join(dataDir, 'semantic-cache.db'))) : undefined;
  const semantic = index
    ? new SemanticCache({ index, embeddings, threshold: config.cache.semanticThreshold, ttlMs: config.cache.promptTtlMs })
    : undefined;

  const savings = new SavingsRecorder(prices);

  let closing: Promise<void> | undefined;
  return {
    prompt,
    semantic,
    embeddings,
    savings,
    close() {
      closing ??= (async () => {
        semantic?.close();
        await prompt?.close();
      })();
      return closing;
    },
  };
}

/** The cache services of a server's pipeline, when it has them (tests may run the pipeline without). */
export function cacheServicesOf(services: PipelineServices): CacheServices | undefined {
  return (services as PipelineServices & { caches?: CacheServices }).caches;
}
