/**
 * The Redis cache store (REDIS_URL): values with a time-to-live behind the CacheStore interface,
 * two Lynkr processes sharing one prompt cache, and an unreachable Redis costing a miss rather
 * than the answer. Needs `redis-server` (CI installs it); skipped with a hint where it is missing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RedisCacheStore } from '../../../src/store/cache-store-redis.js';
import { startMockUpstream, type MockUpstream } from '../../support/mock-upstream/index.js';
import { metric, metricsText, postJson, withCachingLynkr } from './cache-env.js';
import { freePort, redisServerAvailable, startRedisServer, type RedisServer } from './redis-server.js';

const skip = redisServerAvailable() ? false : 'redis-server is not installed (apt-get install redis-server)';

describe('Redis cache store', { skip }, () => {
  let redis: RedisServer;
  let upstream: MockUpstream;
  before(async () => {
    redis = await startRedisServer();
    upstream = await startMockUpstream({ dialect: 'ollama', script: (_req, turn) => ({ text: `answer ${turn}`, usage: { input: 30, output: 4 } }) });
  });
  after(async () => {
    await upstream?.close();
    await redis?.stop();
  });

  test('get / set with a time-to-live / delete; close is idempotent', async () => {
    const store = new RedisCacheStore({ url: redis.url, prefix: 'test:' });
    try {
      assert.equal(await store.get('k'), undefined);
      await store.set('k', 'v1', 60_000);
      assert.equal(await store.get('k'), 'v1');
      await store.set('short', 'v2', 150);
      assert.equal(await store.get('short'), 'v2');
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(await store.get('short'), undefined, 'expired by Redis');
      await store.delete('k');
      assert.equal(await store.get('k'), undefined);
    } finally {
      await store.close();
      await store.close();
    }
  });

  test('two Lynkr processes with the same REDIS_URL share the prompt cache', async () => {
    const env = { MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, REDIS_URL: redis.url };
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Shared question?' }] };
    let first = '';
    let second = '';
    await withCachingLynkr(env, async (url) => {
      first = (await postJson(`${url}/v1/chat/completions`, body)).body.choices[0].message.content;
    });
    await withCachingLynkr(env, async (url) => {
      second = (await postJson(`${url}/v1/chat/completions`, body)).body.choices[0].message.content;
    });
    assert.equal(first, 'answer 0');
    assert.equal(second, 'answer 0', 'the second instance (its own data directory) answered from Redis');
    assert.equal(upstream.turnRequests.length, 1);
  });

  test('an unreachable Redis costs a cache miss, never the answer', async () => {
    const before = upstream.turnRequests.length;
    await withCachingLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, REDIS_URL: `redis://127.0.0.1:${await freePort()}` }, async (url) => {
      const started = Date.now();
      const res = await postJson(`${url}/v1/chat/completions`, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Is Redis there?' }] });
      assert.equal(res.status, 200);
      assert.match(res.body.choices[0].message.content, /^answer \d+$/);
      assert.ok(Date.now() - started < 5000, 'no long wait for the dead store');
      assert.equal(metric(await metricsText(url), 'lynkr_cache_requests_total{kind="prompt",result="error"}'), 1);
    });
    assert.equal(upstream.turnRequests.length, before + 1);
  });
});
