/**
 * @module store/cache-store-sqlite
 * CacheStore on an embedded SQLite file (better-sqlite3, WAL journal so readers never block
 * the writer). Expired rows are invisible to `get` and are deleted in bulk at most once a
 * minute on write, so the file does not grow with stale answers.
 * @see https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CacheStore } from './cache-store.js';

const PRUNE_EVERY_MS = 60_000;

export class SqliteCacheStore implements CacheStore {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string, bigint], { value: string }>;
  readonly #set: Database.Statement<[string, string, bigint]>;
  readonly #delete: Database.Statement<[string]>;
  readonly #prune: Database.Statement<[bigint]>;
  #lastPrune = 0;
  #closed = false;

  /** Opens (creating when needed) the file at `path`; `:memory:` works too. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 2000');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS cache_entries (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS cache_entries_expires ON cache_entries (expires_at);
    `);
    this.#get = this.#db.prepare('SELECT value FROM cache_entries WHERE key = ? AND expires_at > ?');
    this.#set = this.#db.prepare('INSERT OR REPLACE INTO cache_entries (key, value, expires_at) VALUES (?, ?, ?)');
    this.#delete = this.#db.prepare('DELETE FROM cache_entries WHERE key = ?');
    this.#prune = this.#db.prepare('DELETE FROM cache_entries WHERE expires_at <= ?');
  }

  async get(key: string): Promise<string | undefined> {
    return this.#get.get(key, BigInt(Date.now()))?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const now = Date.now();
    this.#set.run(key, value, BigInt(now + ttlMs));
    if (now - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = now;
      this.#prune.run(BigInt(now));
    }
  }

  async delete(key: string): Promise<void> {
    this.#delete.run(key);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}
