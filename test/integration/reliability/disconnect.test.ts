/**
 * Client disconnect aborts the upstream request at once (design.md §2; issue 6: "nothing keeps
 * streaming into the void"). For every client dialect on the translated path, for both
 * pass-through paths, for a stalled upstream, while Lynkr waits for the first byte, while it
 * aggregates a non-streaming answer, and while it waits to retry: the mock upstream must see
 * its connection close within ~1 s of the client going away.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Agent, request } from 'undici';
import type { MockTurn, RecordedRequest } from '../../support/mock-upstream/index.js';
import { DIALECTS, eventually, withStack, type ClientDialect } from './support.js';

const SLOW_TEXT = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
/** Limit for "at once": the upstream socket closes this soon after the client leaves. */
const AT_ONCE_MS = 1_000;

interface Aborted {
  abortedAt: number;
  upstreamRequest: RecordedRequest;
}

/**
 * Sends the request, waits until the upstream got it (and, with `afterBytes`, until the client
 * has received that many body bytes; with `waitMs`, that much longer), then aborts the request.
 */
async function abortMidway({
  url,
  path,
  body,
  upstreamRequests,
  afterBytes,
  waitMs = 0,
}: {
  url: string;
  path: string;
  body: unknown;
  upstreamRequests: RecordedRequest[];
  afterBytes?: number;
  waitMs?: number;
}): Promise<Aborted> {
  const agent = new Agent();
  const controller = new AbortController();
  const pending = request(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: controller.signal,
    dispatcher: agent,
  });
  pending.catch(() => {});
  try {
    const upstreamRequest = await eventually(() => upstreamRequests[0], 5_000, 'the upstream request');
    if (afterBytes !== undefined) {
      const res = await pending;
      let received = 0;
      for await (const chunk of res.body) {
        received += (chunk as Buffer).length;
        if (received >= afterBytes) break;
      }
    }
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    controller.abort();
    const abortedAt = Date.now();
    return { abortedAt, upstreamRequest };
  } finally {
    await agent.destroy().catch(() => {});
  }
}

async function assertUpstreamClosedAtOnce({ abortedAt, upstreamRequest }: Aborted, what: string): Promise<number> {
  const closedAt = await eventually(() => upstreamRequest.closedAt, 5_000, `${what}: the upstream connection to close`);
  assert.equal(upstreamRequest.finished, false, `${what}: the upstream reply was cut short, not completed`);
  const lag = closedAt - abortedAt;
  assert.ok(lag < AT_ONCE_MS, `${what}: upstream closed ${lag} ms after the client left`);
  return lag;
}

describe('client disconnect aborts the upstream', () => {
  const slowStream: MockTurn = { text: SLOW_TEXT, delayMs: 300 };

  for (const d of DIALECTS) {
    test(`${d.client}: streaming, translated path (Ollama)`, async (t) => {
      await withStack({ mock: { dialect: 'ollama', script: () => slowStream } }, async ({ url, upstream }) => {
        const aborted = await abortMidway({ url, path: d.path, body: d.body(true), upstreamRequests: upstream.turnRequests, afterBytes: 200 });
        t.diagnostic(`upstream closed ${await assertUpstreamClosedAtOnce(aborted, d.name)} ms after the client left`);
      });
    });
  }

  const passthroughs: Array<{ d: ClientDialect; mock: 'anthropic' | 'openai-chat'; env: Record<string, string>; endpointVar: string; suffix: string }> = [
    { d: DIALECTS[2], mock: 'anthropic', env: { MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-test-000' }, endpointVar: 'ANTHROPIC_ENDPOINT', suffix: '' },
    { d: DIALECTS[1], mock: 'openai-chat', env: { MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test-000' }, endpointVar: 'OPENAI_ENDPOINT', suffix: '/v1' },
  ];
  for (const p of passthroughs) {
    test(`${p.d.client}: streaming, pass-through path (${p.mock})`, async (t) => {
      await withStack({ mock: { dialect: p.mock, script: () => slowStream }, env: p.env, endpointVar: p.endpointVar, endpointSuffix: p.suffix }, async ({ url, upstream }) => {
        const aborted = await abortMidway({ url, path: p.d.path, body: p.d.body(true), upstreamRequests: upstream.turnRequests, afterBytes: 200 });
        t.diagnostic(`upstream closed ${await assertUpstreamClosedAtOnce(aborted, p.mock)} ms after the client left`);
      });
    });
  }

  test('a stalled upstream (no bytes coming) is still released at once', async () => {
    await withStack({ mock: { dialect: 'ollama', script: () => ({ text: SLOW_TEXT, stallAfterChunks: 2 }) } }, async ({ url, upstream }) => {
      const d = DIALECTS[0];
      const aborted = await abortMidway({ url, path: d.path, body: d.body(true), upstreamRequests: upstream.turnRequests, afterBytes: 100 });
      await assertUpstreamClosedAtOnce(aborted, 'stalled');
    });
  });

  test('while Lynkr waits for the first byte', async () => {
    await withStack({ mock: { dialect: 'ollama', script: () => ({ text: 'late', firstByteDelayMs: 10_000 }) } }, async ({ url, upstream }) => {
      for (const d of DIALECTS) {
        upstream.turnRequests.length = 0;
        const aborted = await abortMidway({ url, path: d.path, body: d.body(true), upstreamRequests: upstream.turnRequests });
        await assertUpstreamClosedAtOnce(aborted, `${d.name} before the first byte`);
      }
    });
  });

  test('while Lynkr aggregates a non-streaming answer', async () => {
    await withStack({ mock: { dialect: 'ollama', script: () => slowStream } }, async ({ url, upstream }) => {
      for (const d of DIALECTS) {
        upstream.turnRequests.length = 0;
        const aborted = await abortMidway({ url, path: d.path, body: d.body(false), upstreamRequests: upstream.turnRequests, waitMs: 200 });
        await assertUpstreamClosedAtOnce(aborted, `${d.name} non-streaming`);
      }
    });
  });

  test('while Lynkr waits to retry: no further upstream call after the client left', async () => {
    await withStack(
      { mock: { dialect: 'ollama', script: () => ({ error: { status: 503, body: { error: 'busy' }, headers: { 'retry-after': '1' } } }) }, env: { UPSTREAM_MAX_RETRIES: '3' } },
      async ({ url, upstream }) => {
        const d = DIALECTS[1];
        await abortMidway({ url, path: d.path, body: d.body(true), upstreamRequests: upstream.turnRequests, waitMs: 100 });
        await new Promise((r) => setTimeout(r, 1_500));
        assert.equal(upstream.turnRequests.length, 1, 'the retry was cancelled');
      },
    );
  });
});
