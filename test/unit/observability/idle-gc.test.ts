import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { createIdleCollector, idleCollectorFor } from '../../../src/observability/idle-gc.js';

test('one collection once the server is idle after enough requests, none while requests are in flight', async () => {
  let collections = 0;
  let inFlight = 0;
  const idle = createIdleCollector({ gc: () => void collections++, inFlight: () => inFlight, idleMs: 30, minRequests: 3 });
  idle.requestEnded();
  idle.requestEnded();
  await sleep(80);
  assert.equal(collections, 0, 'too few requests for a collection');

  inFlight = 1;
  idle.requestEnded(); // the third ends while another is still running
  await sleep(80);
  assert.equal(collections, 0, 'not while a request is in flight');

  inFlight = 0;
  idle.requestEnded();
  await sleep(10);
  assert.equal(collections, 0, 'not before the idle time has passed');
  await sleep(80);
  assert.equal(collections, 1);
  await sleep(80);
  assert.equal(collections, 1, 'once per burst');

  for (let i = 0; i < 3; i++) idle.requestEnded();
  idle.stop();
  await sleep(80);
  assert.equal(collections, 1, 'stopped with the server');
});

test('a request ending during the idle wait pushes the collection back', async () => {
  let collections = 0;
  const idle = createIdleCollector({ gc: () => void collections++, inFlight: () => 0, idleMs: 60, minRequests: 1 });
  idle.requestEnded();
  await sleep(40);
  idle.requestEnded();
  await sleep(40);
  assert.equal(collections, 0, '60 ms have not passed since the last request ended');
  await sleep(60);
  assert.equal(collections, 1);
});

test('without --expose-gc, or with LYNKR_IDLE_GC_MS=0, there is no collector', () => {
  const g = globalThis as { gc?: () => void };
  const saved = g.gc;
  try {
    g.gc = undefined;
    assert.equal(idleCollectorFor(2000, () => 0), undefined);
    g.gc = () => {};
    assert.equal(idleCollectorFor(0, () => 0), undefined);
    assert.ok(idleCollectorFor(2000, () => 0));
  } finally {
    g.gc = saved;
  }
});
