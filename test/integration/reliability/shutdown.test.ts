/**
 * Graceful shutdown (issue 6): on SIGTERM/SIGINT the real process (`src/main.ts`) stops
 * accepting, lets in-flight streams finish within SHUTDOWN_GRACE_MS, ends the ones still
 * running after it with their dialect's error event, runs the registered closers (where usage
 * records are flushed), and exits 0. Requests arriving on open connections meanwhile get a
 * 503 in their own dialect.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { startMockUpstream, type MockUpstream } from '../../support/mock-upstream/index.js';
import { spawnLynkr } from './spawn-lynkr.js';
import { DIALECTS, eventually, readSse, silent } from './support.js';

async function withMock(turn: Parameters<typeof startMockUpstream>[0]['script'], fn: (m: MockUpstream) => Promise<void>) {
  const mock = await startMockUpstream({ dialect: 'ollama', script: turn });
  try {
    await fn(mock);
  } finally {
    await mock.close();
  }
}

/** Starts a streaming request and resolves once its first body bytes arrived; `rest` completes it. */
async function startStream(url: string, body: unknown): Promise<{ headers: Headers; status: number; rest: Promise<string> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const first = await reader.read();
  let text = first.value ? decoder.decode(first.value, { stream: true }) : '';
  const rest = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  })();
  return { headers: res.headers, status: res.status, rest };
}

async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(url + '/health', { signal: AbortSignal.timeout(1_000) });
    return false;
  } catch (err) {
    return /ECONNREFUSED/.test(String((err as { cause?: unknown }).cause ?? err));
  }
}

const SIX_WORDS = 'alpha beta gamma delta epsilon zeta';

describe('graceful shutdown of the process', () => {
  test('SIGTERM: stops accepting at once, lets the in-flight stream finish, exits 0', async () => {
    await withMock(() => ({ text: SIX_WORDS, delayMs: 250 }), async (mock) => {
      const lynkr = await spawnLynkr({ OLLAMA_ENDPOINT: mock.url, SHUTDOWN_GRACE_MS: '8000' });
      try {
        const d = DIALECTS[0];
        const stream = await startStream(lynkr.url + d.path, d.body(true));
        assert.equal(stream.status, 200);
        const signalledAt = Date.now();
        lynkr.child.kill('SIGTERM');
        const refusedAfter = await (async () => {
          for (;;) {
            if (await refusesConnections(lynkr.url)) return Date.now() - signalledAt;
            if (Date.now() - signalledAt > 2_000) return Infinity;
            await new Promise((r) => setTimeout(r, 20));
          }
        })();
        assert.ok(refusedAfter < 1_500, `new connections refused ${refusedAfter} ms after SIGTERM`);
        const text = await stream.rest;
        const streamEndedAt = Date.now();
        const events = readSse(text);
        assert.ok(d.completed(events), 'the in-flight stream completed normally');
        assert.equal(d.text({ text, headers: stream.headers }), SIX_WORDS);
        const exit = await lynkr.exited;
        assert.deepEqual(exit, { code: 0, signal: null });
        assert.ok(Date.now() - streamEndedAt < 2_000, `exited ${Date.now() - streamEndedAt} ms after the last stream ended`);
        const msgs = lynkr.logs().map((l) => l.msg);
        assert.ok(msgs.includes('shutting down: waiting for in-flight requests'), lynkr.output());
        assert.ok(msgs.includes('Lynkr stopped'), lynkr.output());
      } finally {
        await lynkr.dispose();
      }
    });
  });

  test('past SHUTDOWN_GRACE_MS, in-flight streams end with their dialect\'s error, then exit 0', async () => {
    await withMock(() => ({ text: SIX_WORDS, stallAfterChunks: 2 }), async (mock) => {
      const lynkr = await spawnLynkr({ OLLAMA_ENDPOINT: mock.url, SHUTDOWN_GRACE_MS: '500' });
      try {
        const streams = await Promise.all(DIALECTS.map((d) => startStream(lynkr.url + d.path, d.body(true))));
        await eventually(() => (mock.turnRequests.length === 3 ? true : undefined), 5_000, 'three upstream calls');
        const signalledAt = Date.now();
        lynkr.child.kill('SIGTERM');
        const texts = await Promise.all(streams.map((s) => s.rest));
        const endedAfter = Date.now() - signalledAt;
        assert.ok(endedAfter >= 450 && endedAfter < 5_000, `streams ended ${endedAfter} ms after SIGTERM (grace 500 ms)`);
        DIALECTS.forEach((d, i) => {
          const events = readSse(texts[i]);
          assert.equal(d.completed(events), false, d.name);
          assert.match(d.streamError(events) ?? '', /shutting down/, `${d.name}:\n${texts[i].slice(-300)}`);
        });
        assert.deepEqual(await lynkr.exited, { code: 0, signal: null });
        await eventually(() => (mock.turnRequests.every((r) => r.closedAt !== undefined) ? true : undefined), 2_000, 'upstream calls closed');
        for (const r of mock.turnRequests) assert.equal(r.finished, false, 'the upstream calls were aborted');
      } finally {
        await lynkr.dispose();
      }
    });
  });

  test('SIGINT with nothing in flight exits 0 at once', async () => {
    const lynkr = await spawnLynkr({ OLLAMA_ENDPOINT: 'http://127.0.0.1:9' });
    try {
      const started = Date.now();
      lynkr.child.kill('SIGINT');
      assert.deepEqual(await lynkr.exited, { code: 0, signal: null });
      assert.ok(Date.now() - started < 4_000, `${Date.now() - started} ms`);
    } finally {
      await lynkr.dispose();
    }
  });
});

describe('graceful close in-process', () => {
  test('closers run once the last request is done, newest first; a failing closer does not stop the others', async () => {
    await withMock(() => ({ text: SIX_WORDS, delayMs: 100 }), async (mock) => {
      const server = await startServer({ env: { OLLAMA_ENDPOINT: mock.url, SHUTDOWN_GRACE_MS: '5000' }, port: 0, logger: silent });
      const ran: string[] = [];
      let streamDone = false;
      server.onClose(async () => {
        await new Promise((r) => setTimeout(r, 50));
        ran.push(`flush-usage(stream done: ${streamDone})`);
      });
      server.onClose(() => {
        ran.push('failing');
        throw new Error('disk full');
      });
      server.onClose(() => {
        ran.push('last-registered');
      });
      const d = DIALECTS[2];
      const stream = await startStream(server.url + d.path, d.body(true));
      const closing = server.close();
      const text = await stream.rest;
      streamDone = true;
      await closing;
      assert.ok(d.completed(readSse(text)));
      assert.deepEqual(ran, ['last-registered', 'failing', 'flush-usage(stream done: true)']);
      assert.equal(server.close(), closing, 'close() is idempotent');
    });
  });

  test('a request arriving on an open connection while closing gets a 503 in its dialect, with Connection: close', async () => {
    await withMock(() => ({ text: SIX_WORDS, delayMs: 150 }), async (mock) => {
      const server = await startServer({ env: { OLLAMA_ENDPOINT: mock.url, SHUTDOWN_GRACE_MS: '5000' }, port: 0, logger: silent });
      const first = JSON.stringify(DIALECTS[1].body(true));
      const second = JSON.stringify(DIALECTS[2].body(true));
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        let data = '';
        let closing: Promise<void> | undefined;
        socket.on('data', (d) => {
          data += d.toString();
          if (!closing && data.includes('HTTP/1.1 200')) {
            closing = server.close();
            socket.write(`POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(second)}\r\n\r\n${second}`);
          }
        });
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
        socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(first)}\r\n\r\n${first}`);
      });
      await server.close();
      assert.match(raw, /data: \[DONE\]/, 'the in-flight stream finished first');
      const at = raw.indexOf('HTTP/1.1 503');
      assert.ok(at > 0, raw.slice(-600));
      const [head, body] = raw.slice(at).split('\r\n\r\n');
      assert.match(head, /\r\nconnection: close/i);
      assert.match(head, /\r\nretry-after: 1/i);
      const requestId = /\r\nx-request-id: (\S+)/i.exec(head)?.[1];
      assert.ok(requestId, head);
      const parsed = JSON.parse(body);
      assert.deepEqual(parsed, { type: 'error', error: { type: 'api_error', message: 'Lynkr is shutting down; retry the request.' }, request_id: requestId });
      assert.equal(mock.turnRequests.length, 1, 'the refused request never reached the upstream');
    });
  });
});
