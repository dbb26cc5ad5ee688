/**
 * @module store/cache-store-redis
 * CacheStore on Redis (ioredis), shared by every Lynkr process that points at the same
 * REDIS_URL. Values expire through Redis's own `PX` time-to-live. Commands time out quickly
 * and are not queued while disconnected, so an unreachable Redis costs a cache miss, never a
 * stuck request.
 * @see https://redis.io/docs/latest/commands/set/
 */
import { Redis } from 'ioredis';
import type { CacheStore } from './cache-store.js';

export interface RedisCacheStoreOptions {
  url: string;
  /** Prefix of every key, e.g. `lynkr:cache:`. */
  prefix?: string;
  /** Milliseconds a command may take before it counts as failed. */
  commandTimeoutMs?: number;
}

export class RedisCacheStore implements CacheStore {
  readonly kind = 'redis';
  readonly #redis: Redis;
  readonly #prefix: string;
  #connecting: Promise<void> | undefined;
  #closed = false;

  constructor({ url, prefix = 'lynkr:cache:', commandTimeoutMs = 1000 }: RedisCacheStoreOptions) {
    this.#prefix = prefix;
    this.#redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: commandTimeoutMs,
      connectTimeout: 2000,
      // Only the forced close of a connection that is already gone waits on this (ioredis keeps a
      // timer for the dead socket); a healthy one ends with QUIT.
      disconnectTimeout: 200,
      // Reconnect in the background with a capped back-off; commands meanwhile fail fast.
      retryStrategy: (times) => Math.min(times * 200, 5000),
    });
    // Errors surface on the commands that fail; an 'error' listener keeps them off the process.
    this.#redis.on('error', () => {});
  }

  /** Connects on first use; a failed connection leaves ioredis reconnecting and this command failing fast. */
  async #ready(): Promise<Redis> {
    if (this.#redis.status === 'wait') {
      this.#connecting ??= this.#redis.connect().finally(() => {
        this.#connecting = undefined;
      });
      await this.#connecting.catch(() => {});
    }
    return this.#redis;
  }

  async get(key: string): Promise<string | undefined> {
    const value = await (await this.#ready()).get(this.#prefix + key);
    return value ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await (await this.#ready()).set(this.#prefix + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await (await this.#ready()).del(this.#prefix + key);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#redis.status === 'wait') {
      this.#redis.disconnect();
      return;
    }
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
