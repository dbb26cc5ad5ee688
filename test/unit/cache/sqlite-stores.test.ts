import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SemanticIndex } from '../../../src/cache/semantic-index.js';
import { SqliteCacheStore } from '../../../src/store/cache-store-sqlite.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('SQLite cache store: values survive a reopen, expire after their TTL, and can be deleted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lynkr-store-'));
  try {
    const path = join(dir, 'nested', 'prompt-cache.db');
    const store = new SqliteCacheStore(path);
    await store.set('a', '{"x":1}', 60_000);
    await store.set('short', 'gone soon', 50);
    await store.set('a', '{"x":2}', 60_000);
    await store.close();
    await store.close();

    const reopened = new SqliteCacheStore(path);
    try {
      assert.equal(await reopened.get('a'), '{"x":2}', 'the latest value, persisted');
      await sleep(80);
      assert.equal(await reopened.get('short'), undefined);
      await reopened.delete('a');
      assert.equal(await reopened.get('a'), undefined);
      assert.equal(await reopened.get('never'), undefined);
    } finally {
      await reopened.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('semantic index: nearest entry of the same partition only, cosine similarity, expiry', async () => {
  const index = new SemanticIndex(':memory:');
  try {
    index.insert({ scope: 'p1', vector: [1, 0, 0, 0], value: 'east', ttlMs: 60_000 });
    index.insert({ scope: 'p1', vector: [0, 1, 0, 0], value: 'north', ttlMs: 60_000 });
    index.insert({ scope: 'p2', vector: [0.9, 0.1, 0, 0], value: 'other scope', ttlMs: 60_000 });
    const near = index.nearest('p1', [0.95, 0.05, 0, 0]);
    assert.equal(near?.value, 'east');
    assert.ok(near!.similarity > 0.99 && near!.similarity <= 1.0001, String(near?.similarity));
    assert.equal(index.nearest('p1', [0, 2, 0, 0])?.value, 'north', 'length does not matter, direction does');
    assert.equal(index.nearest('p3', [1, 0, 0, 0]), undefined, 'an empty partition');
    assert.ok(Math.abs(index.nearest('p2', [0, 0, 1, 0])!.similarity) < 1e-6, 'orthogonal: similarity 0');

    index.insert({ scope: 'p4', vector: [1, 0, 0, 0], value: 'stale', ttlMs: 30 });
    index.insert({ scope: 'p4', vector: [0, 0, 0, 1], value: 'live', ttlMs: 60_000 });
    await sleep(60);
    assert.equal(index.nearest('p4', [1, 0, 0, 0])?.value, 'live', 'expired entries are skipped');

    index.insert({ scope: 'p1', vector: [1, 0, 0, 0, 0, 0, 0, 0], value: 'eight dims', ttlMs: 60_000 });
    assert.equal(index.nearest('p1', [1, 0, 0, 0, 0, 0, 0, 0])?.value, 'eight dims', 'another vector length gets its own table');
    assert.equal(index.nearest('p1', [0, 0, 0, 0]), undefined, 'a zero vector matches nothing');
  } finally {
    index.close();
    index.close();
  }
});
