/**
 * @module server/server-context
 * Everything the routes need, built once at start and injected.
 */
import type { CacheServices } from '../cache/cache-services.js';
import type { Observability } from '../observability/observability.js';
import type { PipelineServices } from '../pipeline/handle-model-request.js';
import type { ResponseStore } from '../store/response-store.js';

export interface ServerContext extends PipelineServices {
  responses: ResponseStore;
  startedAt: number;
  version: string;
  /** Metrics, usage store and prices (observability/observability.ts). */
  observability: Observability;
  /** Prompt and semantic caches, embeddings, savings metrics (cache/cache-services.ts). */
  caches?: CacheServices;
}
