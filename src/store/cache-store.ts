/**
 * @module store/cache-store
 * The small key-value interface the prompt cache stores answers behind: string values with a
 * time-to-live. Two implementations: SQLite in LYNKR_DATA_DIR (embedded, the default) and
 * Redis when REDIS_URL is set, so several Lynkr processes share one cache.
 */

export interface CacheStore {
  /** Which implementation, for logs (`sqlite`, `redis`). */
  readonly kind: string;
  /** The value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` for `ttlMs` milliseconds, replacing any earlier value. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Releases the connection or file; idempotent. */
  close(): Promise<void>;
}
