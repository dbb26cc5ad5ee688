/**
 * @module server/server-context
 * Everything the routes need, built once at start and injected.
 */
import type { PipelineServices } from '../pipeline/handle-model-request.js';
import type { ResponseStore } from '../store/response-store.js';

export interface ServerContext extends PipelineServices {
  responses: ResponseStore;
  startedAt: number;
  version: string;
}
