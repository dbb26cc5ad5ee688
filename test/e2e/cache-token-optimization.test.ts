/**
 * Token optimisation on a long agent session: the real Codex CLI 0.169.0 runs six tool rounds
 * with large outputs (≈10 KB each) through Lynkr to Ollama (mock), then answers from the last
 * output. With the default settings the session completes and its last upstream request is at
 * least 30% smaller than with TOKEN_OPTIMIZATION=off; the figures are printed as diagnostics.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startMockUpstream, type MockScript } from '../support/mock-upstream/index.js';
import { runCodex } from '../support/run-codex.js';
import { SHELL_TOOL, trailingToolOutputs, unwrapShellOutput } from '../support/scripts.js';
import { withCachingLynkr } from '../integration/cache/cache-env.js';

type Json = Record<string, any>;
const ROUNDS = 6;
const LINES = 1500;

/** Round k (0-based) prints LINES numbers starting at (k+1)·100000; after ROUNDS rounds, the answer quotes the last line. */
const sixRoundScript: MockScript = (req) => {
  const done = ((req.body as Json).messages as Json[]).filter((m) => m.role === 'tool').length;
  if (done < ROUNDS) {
    const start = (done + 1) * 100_000;
    return { text: `Round ${done + 1}.`, toolCalls: [{ name: SHELL_TOOL.codex.name, arguments: SHELL_TOOL.codex.args(`seq ${start} ${start + LINES - 1}`) }] };
  }
  const last = unwrapShellOutput(trailingToolOutputs(req).at(-1) ?? '').split('\n').at(-1);
  return { text: `FINAL: ${ROUNDS} rounds, last line ${last}` };
};

async function session(env: Record<string, string>): Promise<{ lastRequestBytes: number; requests: number }> {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: sixRoundScript });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withCachingLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_MODEL: 'qwen2.5-coder:7b', ...env }, async (url) => {
      result = await runCodex({ baseUrl: url, prompt: 'Print the six number ranges, then tell me the last line.', timeoutMs: 100_000 });
    });
    assert.equal(result!.code, 0, `codex failed:\n${result!.stderr}\n${result!.stdout}`);
    assert.match(result!.stdout, new RegExp(`FINAL: ${ROUNDS} rounds, last line ${ROUNDS * 100_000 + LINES - 1}`));
    assert.deepEqual(upstream.scriptErrors, []);
    const turns = upstream.turnRequests;
    assert.equal(turns.length, ROUNDS + 1);
    return { lastRequestBytes: Buffer.byteLength(turns.at(-1)!.rawBody), requests: turns.length };
  } finally {
    await upstream.close();
  }
}

test('a 6-round Codex session with large tool outputs sends ≥30% fewer bytes in its last request by default', { timeout: 240_000 }, async (t) => {
  const optimized = await session({});
  const plain = await session({ TOKEN_OPTIMIZATION: 'off' });
  const reduction = 1 - optimized.lastRequestBytes / plain.lastRequestBytes;
  t.diagnostic(`last request: ${plain.lastRequestBytes} bytes with TOKEN_OPTIMIZATION=off, ${optimized.lastRequestBytes} bytes by default (${(reduction * 100).toFixed(1)}% fewer)`);
  assert.ok(reduction >= 0.3, `only ${(reduction * 100).toFixed(1)}% fewer bytes`);
});
