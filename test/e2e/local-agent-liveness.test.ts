/**
 * Issue 5, liveness: a local model that stays silent for 40 s before its first token (the
 * model loading, a long prefill). Lynkr answers Codex with real `response.in_progress`
 * events while it waits (wire-contract §3.1: SSE comments do not reset Codex's idle timer),
 * so with Codex's `stream_idle_timeout_ms` shortened to 20 s the turn still completes with
 * exactly one upstream request: no idle time-out, no retry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream } from '../support/mock-upstream/index.js';
import { runCodex } from '../support/run-codex.js';

const SILENCE_MS = 40_000;
const CODEX_IDLE_TIMEOUT_MS = 20_000;

test('Codex survives an upstream that is silent for 40 s before its first token', { timeout: 90_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'FINAL: slow model answered', firstByteDelayMs: SILENCE_MS }) });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    // Lynkr's default keep-alive interval (15 s) is what is under test.
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
      result = await runCodex({
        baseUrl: url,
        prompt: 'Say hello',
        provider: { stream_idle_timeout_ms: CODEX_IDLE_TIMEOUT_MS, stream_max_retries: 2 },
        timeoutMs: 80_000,
      });
    });
    assert.equal(result!.code, 0, `codex failed:\nSTDERR:\n${result!.stderr}\nSTDOUT:\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: slow model answered/);
    assert.equal(upstream.turnRequests.length, 1, 'one upstream request for the one turn');
    assert.doesNotMatch(result!.stderr, /idle timeout|Reconnecting/i);
    assert.ok(result!.durationMs >= SILENCE_MS, `finished in ${result!.durationMs} ms`);
  } finally {
    await upstream.close();
  }
});
