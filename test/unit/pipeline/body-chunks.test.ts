import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { Agent, request } from 'undici';
import { DRAIN_MAX_BYTES } from '../../../src/pipeline/frames/body-chunks.js';
import { ndjsonPayloads } from '../../../src/pipeline/frames/ndjson.js';
import { sseJsonPayloads } from '../../../src/pipeline/frames/sse.js';

async function firstPayload(payloads: AsyncIterable<unknown>): Promise<unknown> {
  for await (const p of payloads) return p;
  return undefined;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('a decoder that stops at the final line leaves the upstream keep-alive connection reusable', async () => {
  let connections = 0;
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    // The final line first, the chunked terminator a moment later, as a real upstream often sends it.
    res.write('{"done":true}\n');
    setTimeout(() => res.end(), 20);
  });
  server.on('connection', () => connections++);
  const url = await listen(server);
  const agent = new Agent({ connections: 1 });
  try {
    for (let i = 0; i < 3; i++) {
      const res = await request(url, { method: 'POST', body: '{}', dispatcher: agent });
      assert.deepEqual(await firstPayload(ndjsonPayloads(res.body)), { done: true });
      await once(res.body, 'close');
      assert.equal(res.body.readableEnded, true, 'the body was read to its end, not destroyed');
    }
    assert.equal(connections, 1, 'all three requests used one connection');
  } finally {
    await agent.close();
    server.close();
  }
});

test('a body that keeps streaming after the reader stopped is destroyed once the drain limit is passed', async () => {
  let sent = 0;
  const body = new Readable({
    read() {
      if (sent > DRAIN_MAX_BYTES * 4) return; // would go on for long; the drain must give up first
      sent += 1024;
      this.push(`data: {"n":${sent}}\n\n` + ' '.repeat(1000));
    },
  });
  assert.deepEqual(await firstPayload(sseJsonPayloads(body)), { n: 1024 });
  await once(body, 'close');
  assert.equal(body.destroyed, true);
  assert.ok(sent <= DRAIN_MAX_BYTES * 2, `drained ${sent} bytes`);
});

test('plain async iterables (no Node stream) are read as before', async () => {
  async function* lines() {
    yield '{"a":1}\n{"b":2}\n';
  }
  assert.deepEqual(await firstPayload(ndjsonPayloads(lines())), { a: 1 });
});
