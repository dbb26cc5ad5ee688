/**
 * @module cache/semantic-index
 * The semantic cache's vector index: sqlite-vec `vec0` virtual tables in an SQLite file in
 * LYNKR_DATA_DIR, one table per vector length. The scope hash is the table's partition key,
 * so a lookup only scans the entries of its own scope (same system prompt, tools, model,
 * settings and earlier conversation), never everything; distances are cosine. Expired entries
 * are filtered out of every lookup and deleted at most once a minute on insert.
 * @see https://alexgarcia.xyz/sqlite-vec/features/vec0.html (partition keys, metadata and auxiliary columns)
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';

const PRUNE_EVERY_MS = 60_000;

export interface SemanticMatch {
  /** Cosine similarity, -1..1. */
  similarity: number;
  /** The stored value (a serialised response). */
  value: string;
}

interface Table {
  name: string;
  nearest: Database.Statement<[Float32Array, string, bigint], { distance: number; value: string }>;
  insert: Database.Statement<[string, Float32Array, bigint, string]>;
  prune: Database.Statement<[bigint]>;
}

export class SemanticIndex {
  readonly #db: Database.Database;
  readonly #tables = new Map<number, Table>();
  #lastPrune = 0;
  #closed = false;

  /** Opens (creating when needed) the index file at `path`; `:memory:` works too. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    sqliteVec.load(this.#db);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 2000');
  }

  #table(dims: number): Table {
    let table = this.#tables.get(dims);
    if (table) return table;
    if (!Number.isInteger(dims) || dims <= 0) throw new Error(`invalid vector length ${dims}`);
    const name = `semantic_entries_${dims}`;
    this.#db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${name} USING vec0(` +
        `scope TEXT PARTITION KEY, embedding FLOAT[${dims}] distance_metric=cosine, expires_at INTEGER, +value TEXT)`,
    );
    table = {
      name,
      nearest: this.#db.prepare(
        `SELECT distance, value FROM ${name} WHERE embedding MATCH ? AND k = 1 AND scope = ? AND expires_at > ?`,
      ),
      insert: this.#db.prepare(`INSERT INTO ${name} (scope, embedding, expires_at, value) VALUES (?, ?, ?, ?)`),
      prune: this.#db.prepare(`DELETE FROM ${name} WHERE expires_at <= ?`),
    };
    this.#tables.set(dims, table);
    return table;
  }

  /** The closest live entry of `scope`, or undefined when the scope has none. */
  nearest(scope: string, vector: readonly number[]): SemanticMatch | undefined {
    if (!usable(vector)) return undefined;
    const row = this.#table(vector.length).nearest.get(new Float32Array(vector), scope, BigInt(Date.now()));
    return row ? { similarity: 1 - row.distance, value: row.value } : undefined;
  }

  insert({ scope, vector, value, ttlMs }: { scope: string; vector: readonly number[]; value: string; ttlMs: number }): void {
    if (!usable(vector)) return;
    const now = Date.now();
    const table = this.#table(vector.length);
    table.insert.run(scope, new Float32Array(vector), BigInt(now + ttlMs), value);
    if (now - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = now;
      for (const t of this.#tables.values()) t.prune.run(BigInt(now));
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

/** A vector cosine distance is defined for: non-empty, finite, not all zero. */
function usable(vector: readonly number[]): boolean {
  return vector.length > 0 && vector.every(Number.isFinite) && vector.some((v) => v !== 0);
}
