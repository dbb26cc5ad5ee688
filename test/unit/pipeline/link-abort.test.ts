import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { linkToShutdown } from '../../../src/pipeline/link-abort.js';

test('requests that own their controller: shutdown aborts those in flight with its reason, released ones are left alone', () => {
  const shutdown = new AbortController();
  const running = new AbortController();
  const finished = new AbortController();
  const a = linkToShutdown(running, shutdown.signal);
  const b = linkToShutdown(finished, shutdown.signal);
  for (let i = 0; i < 100; i++) linkToShutdown(new AbortController(), shutdown.signal).release();
  assert.equal(getEventListeners(shutdown.signal, 'abort').length, 1, 'one listener for the server, none per request');
  b.release();
  const reason = new Error('shutting down');
  shutdown.abort(reason);
  assert.equal(a.signal.aborted, true);
  assert.equal(a.signal.reason, reason);
  assert.equal(b.signal.aborted, false);
  const late = linkToShutdown(new AbortController(), shutdown.signal);
  assert.equal(late.signal.aborted, true, 'a request arriving after shutdown is aborted at once');
});

test('without a shutdown signal the request runs under its own controller alone', () => {
  const controller = new AbortController();
  const link = linkToShutdown(controller);
  assert.equal(link.signal, controller.signal);
  link.release();
  controller.abort();
  assert.equal(link.signal.aborted, true);
});
