import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { linkAbortSignals } from '../../../src/pipeline/link-abort.js';

test('requests that own their controller: shutdown aborts those in flight with its reason, released ones are left alone', () => {
  const shutdown = new AbortController();
  const running = new AbortController();
  const finished = new AbortController();
  const a = linkAbortSignals(running, shutdown.signal);
  const b = linkAbortSignals(finished, shutdown.signal);
  for (let i = 0; i < 100; i++) linkAbortSignals(new AbortController(), shutdown.signal).release();
  assert.equal(getEventListeners(shutdown.signal, 'abort').length, 1, 'one listener for the server, none per request');
  b.release();
  const reason = new Error('shutting down');
  shutdown.abort(reason);
  assert.equal(a.signal.aborted, true);
  assert.equal(a.signal.reason, reason);
  assert.equal(b.signal.aborted, false);
  const late = linkAbortSignals(new AbortController(), shutdown.signal);
  assert.equal(late.signal.aborted, true, 'a request arriving after shutdown is aborted at once');
});

test('a bare signal is linked through a controller whose listeners go on release', () => {
  const shutdown = new AbortController();
  const client = new AbortController();
  const link = linkAbortSignals(client.signal, shutdown.signal);
  assert.equal(getEventListeners(shutdown.signal, 'abort').length, 1);
  link.release();
  assert.equal(getEventListeners(shutdown.signal, 'abort').length, 0);
  assert.equal(getEventListeners(client.signal, 'abort').length, 0);
  const second = linkAbortSignals(client.signal, shutdown.signal);
  client.abort();
  assert.equal(second.signal.aborted, true);
});
