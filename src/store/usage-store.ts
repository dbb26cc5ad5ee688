/**
 * @module store/usage-store
 * Token usage that survives a restart (issue 7): one SQLite file (`usage.sqlite`, WAL) in
 * LYNKR_DATA_DIR holding per-day totals (kept forever) and per-minute buckets (kept
 * `MINUTE_RETENTION_DAYS`, for the dashboard's charts), both keyed by provider and model.
 * Writes stay off the request path: `add` only adds the record's counts to an in-memory
 * bucket per (minute, provider, model); the buckets are written in one transaction every
 * `flushIntervalMs`, before every read, and at `close` — one upsert per bucket and table,
 * however many requests it holds (thousands of requests a second cost a few rows a second).
 * Reads flush first, so a report always includes the requests that finished before it.
 * Several Lynkr processes may share one data directory (WAL, busy timeout).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** One finished request as recorded. */
export interface UsageRecord {
  /** Epoch milliseconds when the request finished. */
  at: number;
  provider: string;
  model: string;
  error: boolean;
  /** The upstream reported no usage and Lynkr estimated it. */
  estimated: boolean;
  /** Answered from a cache: no upstream call, no tokens. */
  cacheHit: boolean;
  input: number;
  output: number;
  cached: number;
  cacheWrite: number;
  reasoning: number;
}

/** Aggregated counts for one provider and model. */
export interface UsageCounts {
  provider: string;
  model: string;
  requests: number;
  errors: number;
  estimated_requests: number;
  cache_hits: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  reasoning_tokens: number;
  estimated_input_tokens: number;
  estimated_output_tokens: number;
}

export interface DailyUsage extends UsageCounts {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
}

export interface MinuteUsage extends UsageCounts {
  /** Start of the minute, epoch seconds. */
  minute: number;
}

export interface UsageStoreOptions {
  dataDir: string;
  flushIntervalMs?: number;
  /** Called when the file cannot be used (the store then keeps usage in memory only). */
  onError?(message: string, err: unknown): void;
}

export const USAGE_FILE = 'usage.sqlite';
export const MINUTE_RETENTION_DAYS = 8;
/** Bound on pending buckets: past it the oldest are dropped (a stuck disk must not eat memory). */
const MAX_PENDING_BUCKETS = 10_000;

const COUNT_COLUMNS = [
  'requests',
  'errors',
  'estimated_requests',
  'cache_hits',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cache_write_input_tokens',
  'reasoning_tokens',
  'estimated_input_tokens',
  'estimated_output_tokens',
] as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS usage_daily (
  day TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,
  ${COUNT_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(', ')},
  PRIMARY KEY (day, provider, model)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS usage_minute (
  minute INTEGER NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,
  ${COUNT_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(', ')},
  PRIMARY KEY (minute, provider, model)
) WITHOUT ROWID;
`;

const upsert = (table: string, key: string) =>
  `INSERT INTO ${table} (${key}, provider, model, ${COUNT_COLUMNS.join(', ')})
   VALUES (@${key}, @provider, @model, ${COUNT_COLUMNS.map((c) => `@${c}`).join(', ')})
   ON CONFLICT (${key}, provider, model) DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

export class UsageStore {
  readonly #db: Database.Database;
  /** Counts not yet written, by minute, provider and model (insertion order = oldest first). */
  readonly #pending = new Map<string, PendingBucket>();
  readonly #timer: NodeJS.Timeout;
  readonly #insertDaily: Database.Statement;
  readonly #insertMinute: Database.Statement;
  readonly #writeBatch: (buckets: PendingBucket[]) => void;
  readonly #onError: (message: string, err: unknown) => void;
  #lastPrune = 0;
  #closed = false;
  /** False when the file could not be opened and usage lives in memory only. */
  readonly persistent: boolean;
  readonly path: string;

  constructor(options: UsageStoreOptions) {
    this.#onError = options.onError ?? (() => {});
    this.path = resolve(join(options.dataDir, USAGE_FILE));
    let db: Database.Database;
    try {
      mkdirSync(options.dataDir, { recursive: true });
      db = new Database(this.path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      addMissingColumns(db);
      this.persistent = true;
    } catch (err) {
      this.#onError(`usage store: cannot use ${this.path}; usage is kept in memory until restart`, err);
      db = new Database(':memory:');
      db.exec(SCHEMA);
      this.persistent = false;
    }
    this.#db = db;
    this.#insertDaily = db.prepare(upsert('usage_daily', 'day'));
    this.#insertMinute = db.prepare(upsert('usage_minute', 'minute'));
    const pruneMinutes = db.prepare('DELETE FROM usage_minute WHERE minute < ?');
    this.#writeBatch = db.transaction((buckets: PendingBucket[]) => {
      for (const b of buckets) {
        this.#insertDaily.run({ day: new Date(b.minute * 1000).toISOString().slice(0, 10), ...b.counts });
        this.#insertMinute.run({ minute: b.minute, ...b.counts });
      }
      const now = Date.now();
      if (now - this.#lastPrune > 3_600_000) {
        this.#lastPrune = now;
        pruneMinutes.run(Math.floor(now / 1000) - MINUTE_RETENTION_DAYS * 86_400);
      }
    });
    this.#timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 1000);
    this.#timer.unref();
  }

  /** Adds a finished request to its minute's pending counts; written at the next flush. */
  add(record: UsageRecord): void {
    if (this.#closed) return;
    const minute = Math.floor(record.at / 60_000) * 60;
    const key = `${minute}\u0000${record.provider}\u0000${record.model}`;
    const bucket = this.#pending.get(key);
    if (bucket) addCounts(bucket.counts, record);
    else {
      this.#pending.set(key, { minute, counts: addCounts(emptyCounts(record.provider, record.model), record) });
      if (this.#pending.size > MAX_PENDING_BUCKETS) this.#pending.delete(this.#pending.keys().next().value!);
    }
  }

  /** Writes the pending counts in one transaction. Failures are reported and the batch dropped. */
  flush(): void {
    if (this.#pending.size === 0 || !this.#db.open) return;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    try {
      this.#writeBatch(batch);
    } catch (err) {
      const requests = batch.reduce((n, b) => n + b.counts.requests, 0);
      this.#onError(`usage store: could not write ${requests} usage record(s)`, err);
    }
  }

  /** Every day's totals per provider and model, oldest first. */
  daily(): DailyUsage[] {
    this.flush();
    if (!this.#db.open) return [];
    return this.#db.prepare('SELECT * FROM usage_daily ORDER BY day, provider, model').all() as DailyUsage[];
  }

  /** Per-minute buckets per provider and model from `sinceEpochSeconds` on, oldest first. */
  minutes(sinceEpochSeconds: number): MinuteUsage[] {
    this.flush();
    if (!this.#db.open) return [];
    return this.#db.prepare('SELECT * FROM usage_minute WHERE minute >= ? ORDER BY minute, provider, model').all(sinceEpochSeconds) as MinuteUsage[];
  }

  /** Flushes and closes the file. Safe to call more than once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.flush();
    try {
      this.#db.close();
    } catch (err) {
      this.#onError('usage store: close failed', err);
    }
  }
}

interface PendingBucket {
  /** Start of the minute, epoch seconds. */
  minute: number;
  counts: UsageCounts;
}

function emptyCounts(provider: string, model: string): UsageCounts {
  const counts = { provider, model } as UsageCounts;
  for (const c of COUNT_COLUMNS) counts[c] = 0;
  return counts;
}

const int = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0);

/** Adds one request's counts to `counts` (in place) and returns it. */
function addCounts(counts: UsageCounts, r: UsageRecord): UsageCounts {
  counts.requests += 1;
  if (r.error) counts.errors += 1;
  if (r.cacheHit) counts.cache_hits += 1;
  counts.input_tokens += int(r.input);
  counts.output_tokens += int(r.output);
  counts.cached_input_tokens += int(r.cached);
  counts.cache_write_input_tokens += int(r.cacheWrite);
  counts.reasoning_tokens += int(r.reasoning);
  if (r.estimated) {
    counts.estimated_requests += 1;
    counts.estimated_input_tokens += int(r.input);
    counts.estimated_output_tokens += int(r.output);
  }
  return counts;
}

/** Files written by an older Lynkr lack newer count columns: add them (counting from 0). */
function addMissingColumns(db: Database.Database): void {
  for (const table of ['usage_daily', 'usage_minute']) {
    const present = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
    for (const column of COUNT_COLUMNS) {
      if (!present.has(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} INTEGER NOT NULL DEFAULT 0`);
    }
  }
}
