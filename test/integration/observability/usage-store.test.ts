/**
 * The SQLite usage store: writes are queued and batched, reads include what is queued,
 * totals aggregate per day / minute, provider and model, a reopened file keeps them, close
 * is idempotent, and an unusable directory degrades to memory instead of failing.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageStore, type UsageRecord } from '../../../src/store/usage-store.js';
import { tempDataDir } from './support.js';

// Yesterday and today (UTC): per-minute buckets older than MINUTE_RETENTION_DAYS are pruned.
const TODAY = Math.floor(Date.now() / 86_400_000) * 86_400_000;
const DAY1 = TODAY - 86_400_000 + 36_930_000; // yesterday 10:15:30
const DAY2 = TODAY + 5_000; // today 00:00:05
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const rec = (over: Partial<UsageRecord>): UsageRecord => ({
  at: DAY1, provider: 'openai', model: 'gpt-4o', error: false, estimated: false, cacheHit: false, input: 100, output: 10, cached: 0, cacheWrite: 0, reasoning: 0, ...over,
});

test('aggregates by day and minute, survives reopening, closes once', async () => {
  const data = await tempDataDir();
  try {
    const store = new UsageStore({ dataDir: data.dir, flushIntervalMs: 60_000 });
    store.add(rec({}));
    store.add(rec({ at: DAY1 + 20_000, cached: 40, reasoning: 3 }));
    store.add(rec({ at: DAY1 + 60_000, error: true, input: 0, output: 0 }));
    store.add(rec({ at: DAY2, provider: 'ollama', model: 'qwen', estimated: true, input: 50, output: 5 }));
    // No interval flush has run: the read flushes the queue first.
    const daily = store.daily();
    assert.equal(daily.length, 2);
    assert.deepEqual(
      { ...daily[0] },
      { day: dayOf(DAY1), provider: 'openai', model: 'gpt-4o', requests: 3, errors: 1, estimated_requests: 0, cache_hits: 0, input_tokens: 200, output_tokens: 20, cached_input_tokens: 40, cache_write_input_tokens: 0, reasoning_tokens: 3, estimated_input_tokens: 0, estimated_output_tokens: 0 },
    );
    assert.equal(daily[1].estimated_requests, 1);
    assert.equal(daily[1].estimated_input_tokens, 50);
    const minutes = store.minutes(0);
    assert.deepEqual(minutes.map((m) => [m.minute, m.requests]), [[Math.floor(DAY1 / 60_000) * 60, 2], [Math.floor(DAY1 / 60_000) * 60 + 60, 1], [Math.floor(DAY2 / 60_000) * 60, 1]]);
    store.add(rec({ at: DAY2 }));
    store.close();
    store.close();
    store.add(rec({ at: DAY2 })); // ignored after close

    const reopened = new UsageStore({ dataDir: data.dir });
    const again = reopened.daily();
    assert.equal(again.reduce((n, r) => n + r.requests, 0), 5, 'the record queued before close was flushed');
    assert.equal(reopened.persistent, true);
    reopened.close();
  } finally {
    await data.remove();
  }
});

test('an unusable data directory keeps usage in memory and says so', async () => {
  const data = await tempDataDir();
  try {
    const file = join(data.dir, 'not-a-directory');
    await writeFile(file, 'x');
    const problems: string[] = [];
    const store = new UsageStore({ dataDir: file, onError: (message) => problems.push(message) });
    assert.equal(store.persistent, false);
    assert.match(problems[0], /usage is kept in memory/);
    store.add(rec({}));
    assert.equal(store.daily()[0].requests, 1);
    store.close();
  } finally {
    await data.remove();
  }
});

test('a file from an older Lynkr without newer count columns gets them', async () => {
  const data = await tempDataDir();
  try {
    const old = new Database(join(data.dir, 'usage.sqlite'));
    old.exec('CREATE TABLE usage_daily (day TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL, requests INTEGER NOT NULL DEFAULT 0, input_tokens INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, provider, model)) WITHOUT ROWID');
    old.prepare("INSERT INTO usage_daily (day, provider, model, requests, input_tokens) VALUES ('2025-01-01', 'openai', 'gpt-4o', 7, 700)").run();
    old.close();
    const store = new UsageStore({ dataDir: data.dir });
    assert.equal(store.persistent, true);
    store.add(rec({ at: DAY2, cacheHit: true, input: 0, output: 0 }));
    const rows = store.daily();
    assert.deepEqual(rows.map((r) => [r.day, r.requests, r.input_tokens, r.cache_hits]), [['2025-01-01', 7, 700, 0], [dayOf(DAY2), 1, 0, 1]]);
    store.close();
  } finally {
    await data.remove();
  }
});
