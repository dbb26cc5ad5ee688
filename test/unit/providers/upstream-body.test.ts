import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dispatcher } from 'undici';
import { DRAIN_MAX_BYTES } from '../../../src/pipeline/frames/body-chunks.js';
import { UpstreamBody } from '../../../src/providers/upstream-body.js';

function fakeController() {
  const calls: string[] = [];
  const controller = {
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
    abort: (err: Error) => void calls.push(`abort: ${err.message}`),
  } as unknown as Dispatcher.DispatchController;
  return { controller, calls };
}

test('chunks pushed before and while reading come out in order; the socket pauses when the reader falls behind', async () => {
  const body = new UpstreamBody();
  const { controller, calls } = fakeController();
  body.attach(controller);
  for (let i = 0; i < 20; i++) body.push(Buffer.from(`${i},`));
  assert.ok(calls.includes('pause'), 'paused past the high-water mark');
  const read = (async () => {
    let text = '';
    for await (const chunk of body) text += Buffer.from(chunk).toString();
    return text;
  })();
  await new Promise((r) => setImmediate(r));
  assert.ok(calls.includes('resume'), 'resumed once the reader caught up');
  body.push(Buffer.from('late'));
  body.end();
  assert.equal(await read, `${Array.from({ length: 20 }, (_, i) => `${i},`).join('')}late`);
});

test('a failure after the headers is thrown to the reader, after the chunks that arrived before it', async () => {
  const body = new UpstreamBody();
  body.attach(fakeController().controller);
  body.push(Buffer.from('partial'));
  const failure = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  const seen: string[] = [];
  const read = (async () => {
    for await (const chunk of body) seen.push(Buffer.from(chunk).toString());
  })();
  await new Promise((r) => setImmediate(r));
  body.fail(failure);
  await assert.rejects(read, /other side closed/);
  assert.deepEqual(seen, ['partial']);
});

test('a reader that stops early leaves the rest to be dropped, and a rest too large aborts the request', async () => {
  const body = new UpstreamBody();
  const { controller, calls } = fakeController();
  body.attach(controller);
  body.push(Buffer.from('{"done":true}\n'));
  for await (const _ of body) break;
  body.push(Buffer.from('0\r\n\r\n'));
  body.end();
  assert.ok(!calls.some((c) => c.startsWith('abort')), 'a small rest is read, the connection kept');

  const big = new UpstreamBody();
  const second = fakeController();
  big.attach(second.controller);
  big.push(Buffer.from('x'));
  for await (const _ of big) break;
  big.push(Buffer.alloc(DRAIN_MAX_BYTES + 1));
  assert.ok(second.calls.some((c) => c.startsWith('abort')), 'past the drain limit the request is aborted');
});

test('text() and json() read the whole body once', async () => {
  const body = new UpstreamBody();
  body.attach(fakeController().controller);
  body.push(Buffer.from('{"a":'));
  body.push(Buffer.from('[1,"ü"]}'));
  body.end();
  assert.deepEqual(await body.json(), { a: [1, 'ü'] });
  assert.throws(() => body[Symbol.asyncIterator](), /read only once/);
});
