/**
 * Fault injection (issue 6): every upstream failure a client can meet, before and during the
 * stream, through the translated path (Ollama mock) and the pass-through path, and what each
 * client dialect sees (wire-contract §3.3, §3.6, §4): status, body shape, integer Retry-After,
 * `x-should-retry`, `x-request-id`, and the in-stream error that ends a broken stream
 * (`response.failed` never `response.completed`; Anthropic `event: error`; chat error chunk
 * without `[DONE]`). Time limits are exercised with short values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { refusedUrl, startMockUpstream, startSilentServer, type MockTurn } from '../../support/mock-upstream/index.js';
import { assertErrorShape, DIALECTS, readSse, send, silent, withStack, type ClientDialect } from './support.js';

/** Runs `fn` for every client dialect in parallel. */
const eachDialect = (fn: (d: ClientDialect) => Promise<void>) => Promise.all(DIALECTS.map(fn));

describe('faults before the first byte', () => {
  test('429 with Retry-After: retried after the requested pause, then passed on with an integer Retry-After', async () => {
    await eachDialect((d) =>
      withStack(
        {
          mock: { dialect: 'ollama', script: () => ({ error: { status: 429, body: { error: 'rate limited' }, headers: { 'retry-after': '1' } } }) },
          env: { UPSTREAM_MAX_RETRIES: '1' },
        },
        async ({ url, upstream }) => {
          const answer = await send(url + d.path, d.body(true));
          assert.equal(answer.status, 429, d.name);
          assert.equal(answer.headers.get('retry-after'), '1', `${d.name}: Retry-After in integer seconds`);
          assert.equal(answer.headers.get('x-should-retry'), null, `${d.name}: a rate limit stays retryable`);
          const err = assertErrorShape(d, answer);
          if (d.errorShape === 'openai') {
            assert.equal(err.code, 'rate_limit_exceeded');
            assert.match(err.message, /try again in 1s/, 'Codex parses the delay from the message');
          } else assert.equal(err.type, 'rate_limit_error');
          assert.equal(upstream.turnRequests.length, 2, 'one retry');
          const gap = upstream.turnRequests[1].receivedAt - upstream.turnRequests[0].receivedAt;
          assert.ok(gap >= 950, `retry waited for Retry-After (gap ${gap} ms)`);
        },
      ),
    );
  });

  test('429 then success: the client never sees the rate limit', async () => {
    await eachDialect((d) =>
      withStack(
        {
          mock: { dialect: 'ollama', script: (_r, turn) => (turn === 0 ? { error: { status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '0' } } } : { text: 'recovered' }) },
          env: { UPSTREAM_MAX_RETRIES: '2' },
        },
        async ({ url, upstream }) => {
          const answer = await send(url + d.path, d.body(true));
          assert.equal(answer.status, 200, d.name);
          assert.ok(d.completed(readSse(answer.text)), `${d.name}: complete stream`);
          assert.equal(d.text(answer), 'recovered');
          assert.equal(upstream.turnRequests.length, 2);
        },
      ),
    );
  });

  test('a Retry-After beyond the retry cap goes straight to the client (Retry-After-ms rounded up)', async () => {
    await eachDialect((d) =>
      withStack(
        {
          mock: { dialect: 'ollama', script: () => ({ error: { status: 429, body: { error: 'come back later' }, headers: { 'retry-after-ms': '60500' } } }) },
          env: { UPSTREAM_MAX_RETRIES: '3' },
        },
        async ({ url, upstream }) => {
          const answer = await send(url + d.path, d.body(false));
          assert.equal(answer.status, 429);
          assert.equal(answer.headers.get('retry-after'), '61');
          assert.ok(answer.ms < 2_000, `not held (${answer.ms} ms)`);
          assert.equal(upstream.turnRequests.length, 1);
        },
      ),
    );
  });

  test('500: retried UPSTREAM_MAX_RETRIES times, then a 502 server error in the dialect', async () => {
    await eachDialect((d) =>
      withStack(
        { mock: { dialect: 'ollama', script: () => ({ error: { status: 500, body: { error: 'model runner crashed' } } }) }, env: { UPSTREAM_MAX_RETRIES: '2' } },
        async ({ url, upstream }) => {
          const answer = await send(url + d.path, d.body(true));
          assert.equal(answer.status, 502, d.name);
          const err = assertErrorShape(d, answer);
          assert.equal(err.type, d.errorShape === 'openai' ? 'server_error' : 'api_error');
          assert.match(err.message, /ollama: model runner crashed/);
          assert.equal(upstream.turnRequests.length, 3, 'first call + UPSTREAM_MAX_RETRIES');
        },
      ),
    );
  });

  test('UPSTREAM_MAX_RETRIES=0: exactly one upstream call', async () => {
    await withStack(
      { mock: { dialect: 'ollama', script: () => ({ error: { status: 503, body: { error: 'busy' } } }) }, env: { UPSTREAM_MAX_RETRIES: '0' } },
      async ({ url, upstream }) => {
        const answer = await send(url + '/v1/responses', DIALECTS[0].body(true));
        assert.ok(answer.status >= 500 && answer.status < 600);
        assert.equal(upstream.turnRequests.length, 1);
      },
    );
  });

  test('connection reset before the headers: 502 "unreachable" in the dialect, after the retries', async () => {
    await eachDialect((d) =>
      withStack({ mock: { dialect: 'ollama', script: () => ({ reset: true }) }, env: { UPSTREAM_MAX_RETRIES: '1' } }, async ({ url, upstream }) => {
        const answer = await send(url + d.path, d.body(true));
        assert.equal(answer.status, 502, d.name);
        assert.match(assertErrorShape(d, answer).message, /ollama is unreachable/);
        assert.equal(upstream.turnRequests.length, 2);
      }),
    );
  });

  test('refused connection: 502 within 15 s with the default retry budget', async () => {
    const nowhere = await refusedUrl();
    const server = await startServer({ env: { OLLAMA_ENDPOINT: nowhere }, port: 0, logger: silent });
    try {
      await eachDialect(async (d) => {
        const answer = await send(server.url + d.path, d.body(true));
        assert.equal(answer.status, 502, d.name);
        assert.match(assertErrorShape(d, answer).message, /ECONNREFUSED/);
        assert.ok(answer.ms < 15_000, `${d.name}: ${answer.ms} ms`);
      });
    } finally {
      await server.close();
    }
  });

  test('UPSTREAM_CONNECT_TIMEOUT_MS: a black-hole upstream becomes a 504 within seconds', async () => {
    const silentServer = await startSilentServer();
    const server = await startServer({
      env: { MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test-connect', OPENAI_ENDPOINT: `${silentServer.httpsUrl}/v1`, UPSTREAM_CONNECT_TIMEOUT_MS: '300', UPSTREAM_MAX_RETRIES: '1' },
      port: 0,
      logger: silent,
    });
    try {
      await eachDialect(async (d) => {
        const answer = await send(server.url + d.path, d.body(true));
        assert.equal(answer.status, 504, d.name);
        assert.match(assertErrorShape(d, answer).message, /timed out connecting/);
        assert.ok(answer.ms < 6_000, `${d.name}: ${answer.ms} ms`);
      });
      assert.equal(silentServer.accepted, 6, 'three dialects × (first try + one retry)');
    } finally {
      await server.close();
      await silentServer.close();
    }
  });

  test('UPSTREAM_FIRST_BYTE_TIMEOUT_MS: 504 without repeating the wait', async () => {
    await eachDialect((d) =>
      withStack(
        { mock: { dialect: 'ollama', script: () => ({ text: 'too late', firstByteDelayMs: 10_000 }) }, env: { UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '300', UPSTREAM_MAX_RETRIES: '2' } },
        async ({ url, upstream }) => {
          const answer = await send(url + d.path, d.body(true));
          assert.equal(answer.status, 504, d.name);
          assert.match(assertErrorShape(d, answer).message, /timed out waiting for the first byte/);
          assert.equal(upstream.turnRequests.length, 1, 'a first-byte time-out is not retried');
          assert.ok(answer.ms < 3_000, `${d.name}: ${answer.ms} ms`);
        },
      ),
    );
  });

  test('a first byte later than the keep-alive interval: 200 with real liveness events, then the in-stream time-out', async () => {
    const liveness: Record<ClientDialect['name'], RegExp> = { responses: /event: response\.in_progress/, messages: /event: ping/, chat: /^: /m };
    await eachDialect((d) =>
      withStack(
        {
          mock: { dialect: 'ollama', script: () => ({ text: 'too late', firstByteDelayMs: 10_000 }) },
          env: { LYNKR_KEEPALIVE_INTERVAL_MS: '200', UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '1000', UPSTREAM_MAX_RETRIES: '2' },
        },
        async ({ url, upstream }) => {
          const answer = await send(url + d.path, d.body(true));
          assert.equal(answer.status, 200, d.name);
          assert.match(answer.text, liveness[d.name], `${d.name}: liveness while waiting`);
          const events = readSse(answer.text);
          assert.equal(d.completed(events), false);
          assert.match(d.streamError(events) ?? '', /timed out waiting for the first byte/, `${d.name}:\n${answer.text.slice(-300)}`);
          assert.equal(upstream.turnRequests.length, 1);
        },
      ),
    );
  });

  test('quota and upstream auth failures: final for Claude Code (x-should-retry: false), key never echoed', async () => {
    const key = 'sk-upstream-secret-0123456789';
    const turns: MockTurn[] = [
      { error: { status: 429, body: { error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'You exceeded your current quota' } } } },
      { error: { status: 401, body: { error: { type: 'invalid_request_error', code: 'invalid_api_key', message: `Incorrect API key provided: ${key}` } } } },
    ];
    for (const turn of turns) {
      await withStack(
        { mock: { dialect: 'openai-chat', script: () => turn }, env: { MODEL_PROVIDER: 'openai', OPENAI_API_KEY: key }, endpointVar: 'OPENAI_ENDPOINT', endpointSuffix: '/v1' },
        async ({ url }) => {
          for (const d of DIALECTS) {
            const answer = await send(url + d.path, d.body(true));
            assert.ok(!answer.text.includes(key), `${d.name}: the upstream key is not relayed`);
            const err = assertErrorShape(d, answer);
            if (turn.error!.status === 429) {
              if (d.errorShape === 'openai') assert.deepEqual([answer.status, err.code], [429, 'insufficient_quota']);
              else assert.deepEqual([answer.status, err.type], [400, 'invalid_request_error']);
            } else {
              assert.equal(answer.status, 401);
              if (d.errorShape === 'openai') assert.equal(err.code, 'invalid_api_key');
              else assert.equal(err.type, 'authentication_error');
              assert.match(err.message, /Incorrect API key provided: \*\*\*/);
            }
            if (d.errorShape === 'anthropic') assert.equal(answer.headers.get('x-should-retry'), 'false');
          }
        },
      );
    }
  });
});

describe('faults after the first byte', () => {
  const midStream: Array<{ name: string; turn: MockTurn; env?: Record<string, string>; message: RegExp }> = [
    { name: 'socket cut mid-stream', turn: { text: 'one two three four five six', cutAfterChunks: 2 }, message: /unreachable|other side closed|terminated/i },
    { name: 'stall (STREAM_IDLE_TIMEOUT_MS)', turn: { text: 'one two three four five six', stallAfterChunks: 2 }, env: { STREAM_IDLE_TIMEOUT_MS: '300' }, message: /timed out waiting for the next stream event/ },
    { name: 'upstream in-stream error', turn: { text: 'one two three four five six', streamError: { message: 'model crashed', afterChunks: 2 } }, message: /model crashed/ },
  ];
  for (const fault of midStream) {
    test(`${fault.name}: 200, partial text, then the dialect's in-stream error and no success terminal`, async () => {
      await eachDialect((d) =>
        withStack({ mock: { dialect: 'ollama', script: () => fault.turn }, env: fault.env }, async ({ url }) => {
          const answer = await send(url + d.path, d.body(true));
          assert.equal(answer.status, 200, d.name);
          assert.ok(answer.headers.get('x-request-id'), 'x-request-id on streams');
          const events = readSse(answer.text);
          assert.ok(d.text(answer).startsWith('one'), `${d.name}: the text before the failure was relayed`);
          assert.equal(d.completed(events), false, `${d.name}: never a success terminal after a failure`);
          const message = d.streamError(events);
          assert.ok(message, `${d.name}: ends with the in-stream error:\n${answer.text.slice(-400)}`);
          assert.match(message, fault.message);
          // The error is the last thing on the stream.
          const last = events[events.length - 1];
          assert.equal(d.streamError([last]), message, `${d.name}: error is the final event`);
          assert.ok(answer.ms < 5_000, `${d.name}: ${answer.ms} ms`);
        }),
      );
    });
  }

  test('non-streaming request cut mid-body: a 502 in the dialect, never a half answer', async () => {
    await eachDialect((d) =>
      withStack({ mock: { dialect: 'ollama', script: () => ({ text: 'one two three four', cutAfterChunks: 2 }) } }, async ({ url }) => {
        const answer = await send(url + d.path, d.body(false));
        assert.equal(answer.status, 502, d.name);
        assertErrorShape(d, answer);
      }),
    );
  });

  const passthroughs: Array<{ name: string; mock: 'anthropic' | 'openai-chat'; env: Record<string, string>; endpointVar: string; suffix: string; d: ClientDialect }> = [
    { name: 'Claude Code → Anthropic', mock: 'anthropic', env: { MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-test-000' }, endpointVar: 'ANTHROPIC_ENDPOINT', suffix: '', d: DIALECTS[2] },
    { name: 'Chat client → OpenAI', mock: 'openai-chat', env: { MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test-000' }, endpointVar: 'OPENAI_ENDPOINT', suffix: '/v1', d: DIALECTS[1] },
  ];
  for (const p of passthroughs) {
    const faults: Array<{ name: string; turn: MockTurn; env: Record<string, string> }> = [
      { name: 'cut', turn: { text: 'one two three four five six', cutAfterChunks: 3 }, env: {} },
      { name: 'stall', turn: { text: 'one two three four five six', stallAfterChunks: 3 }, env: { STREAM_IDLE_TIMEOUT_MS: '300' } },
    ];
    for (const fault of faults) {
      test(`pass-through ${p.name}, ${fault.name} mid-stream: whole frames, then the dialect's in-stream error`, async () => {
        await withStack({ mock: { dialect: p.mock, script: () => fault.turn }, env: { ...p.env, ...fault.env }, endpointVar: p.endpointVar, endpointSuffix: p.suffix }, async ({ url, upstream }) => {
          const answer = await send(url + p.d.path, p.d.body(true));
          assert.equal(answer.status, 200);
          assert.equal(upstream.turnRequests[0].body.model !== undefined, true);
          assert.match(answer.text, /\n\n$/, 'ends on a frame boundary');
          const events = readSse(answer.text);
          assert.ok(events.every((e) => e.data === '[DONE]' || e.json !== undefined), 'every frame is whole JSON');
          assert.equal(p.d.completed(events), false);
          assert.ok(p.d.streamError(events), `in-stream error:\n${answer.text.slice(-300)}`);
        });
      });
    }
  }
});

describe('failover', () => {
  test('FALLBACK_PROVIDER serves in its own wire format when the primary fails before the first byte', async () => {
    const primary = await startMockUpstream({
      dialect: 'anthropic',
      script: () => ({ error: { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } } }),
    });
    try {
      await withStack(
        {
          mock: { dialect: 'ollama', script: () => ({ text: 'served by the fallback' }) },
          env: { MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-test-000', ANTHROPIC_ENDPOINT: primary.url, FALLBACK_ENABLED: 'true', FALLBACK_PROVIDER: 'ollama', UPSTREAM_MAX_RETRIES: '1' },
        },
        async ({ url, upstream: fallback }) => {
          for (const d of DIALECTS) {
            for (const stream of [true, false]) {
              const before = primary.turnRequests.length;
              const answer = await send(url + d.path, d.body(stream));
              assert.equal(answer.status, 200, `${d.name} stream=${stream}: ${answer.text.slice(0, 200)}`);
              assert.equal(answer.headers.get('x-lynkr-provider'), 'ollama');
              assert.equal(d.text(answer), 'served by the fallback');
              assert.equal(primary.turnRequests.length - before, 2, 'the primary was tried, with its retry, first');
            }
          }
          assert.equal(fallback.turnRequests.length, 6);
          for (const r of fallback.turnRequests) {
            assert.equal(r.path, '/api/chat', 'the fallback got its own wire format');
            assert.ok(Array.isArray(r.body.messages));
          }
        },
      );
    } finally {
      await primary.close();
    }
  });

  test('no failover for a request the primary rejects as invalid (400)', async () => {
    await withStack(
      {
        mock: { dialect: 'anthropic', script: () => ({ error: { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: too large' } } } }) },
        env: { MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-test-000', FALLBACK_ENABLED: 'true', FALLBACK_PROVIDER: 'ollama', OLLAMA_ENDPOINT: await refusedUrl() },
        endpointVar: 'ANTHROPIC_ENDPOINT',
      },
      async ({ url }) => {
        const answer = await send(url + DIALECTS[2].path, DIALECTS[2].body(true));
        assert.equal(answer.status, 400);
        assert.match(assertErrorShape('anthropic', answer).message, /max_tokens: too large/);
      },
    );
  });
});
