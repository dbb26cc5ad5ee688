import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { sendModelResult } from '../../../src/server/send-model-result.js';

async function serve(chunks: () => AsyncIterable<string>) {
  const app = Fastify();
  app.get('/', async (_req, reply) => sendModelResult(reply, { kind: 'stream', headers: { 'content-type': 'text/event-stream' }, chunks: chunks() }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/` };
}

test('a silent stream still gets its status and headers at once', async () => {
  const { app, url } = await serve(async function* () {
    await sleep(300);
    yield 'data: late\n\n';
  });
  try {
    const started = Date.now();
    const req = request(url);
    req.end();
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    assert.equal(res.statusCode, 200);
    assert.ok(Date.now() - started < 250, `headers after ${Date.now() - started} ms`);
    res.resume();
    await once(res, 'end');
  } finally {
    await app.close();
  }
});

test('a long stream to a slow reader arrives whole and in order (back-pressure)', async () => {
  const count = 4_000;
  const { app, url } = await serve(async function* () {
    for (let i = 0; i < count; i++) yield `data: ${String(i).padStart(6, '0')} ${'x'.repeat(1000)}\n\n`;
  });
  try {
    const req = request(url);
    req.end();
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => {
      parts.push(c);
      // Read slowly at first, so the server's socket fills and it has to wait for drain.
      if (parts.length < 20) {
        res.pause();
        setTimeout(() => res.resume(), 5);
      }
    });
    await once(res, 'end');
    const frames = Buffer.concat(parts).toString('utf8').split('\n\n').filter(Boolean);
    assert.equal(frames.length, count);
    frames.forEach((f, i) => assert.ok(f.startsWith(`data: ${String(i).padStart(6, '0')} `), `frame ${i}`));
  } finally {
    await app.close();
  }
});
