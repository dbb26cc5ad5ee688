/**
 * @module cache/prompt-cache
 * The exact-match prompt cache: complete answers stored under `promptCacheKey` for
 * PROMPT_CACHE_TTL_MS in a CacheStore (SQLite or Redis). Entries are JSON IrResponses; an
 * entry that does not parse as one (written by another version) is treated as absent.
 */
import type { IrResponse } from '../ir/types.js';
import type { CacheStore } from '../store/cache-store.js';
import { parseStoredResponse } from './stored-response.js';

export class PromptCache {
  constructor(
    readonly store: CacheStore,
    readonly ttlMs: number,
  ) {}

  async get(key: string): Promise<IrResponse | undefined> {
    const raw = await this.store.get(key);
    return raw === undefined ? undefined : parseStoredResponse(raw);
  }

  async put(key: string, response: IrResponse): Promise<void> {
    await this.store.set(key, JSON.stringify(response), this.ttlMs);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
