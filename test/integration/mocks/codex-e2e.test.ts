/**
 * The real Codex CLI straight against the openai-responses mock (no Lynkr): proves runCodex and the
 * mock's Responses stream are good enough for Codex's agent loop. Takes about 1 s (≈0.6 s for the CLI:
 * two streamed POST /v1/responses).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { runCodex } from '../../support/run-codex.js';
import { shellToolScript } from '../../support/scripts.js';

test('Codex runs an exec_command call from the responses mock and prints the final answer', { timeout: 60_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-responses', script: shellToolScript({ cli: 'codex', command: 'echo codex-e2e-ok' }) });
  try {
    const result = await runCodex({ baseUrl: upstream.url, prompt: 'run the check', timeoutMs: 50_000 });
    assert.equal(result.code, 0, `codex failed:\n${result.stderr}\n${result.stdout}`);
    assert.match(result.stdout, /FINAL: codex-e2e-ok/);
    assert.deepEqual(upstream.scriptErrors, []);

    assert.equal(upstream.turnRequests.length, 2);
    const [first, second] = upstream.turnRequests;
    assert.equal(first.path, '/v1/responses');
    assert.equal(first.body.model, 'gpt-4o');
    assert.equal(first.body.stream, true);
    assert.equal(first.headers.accept, 'text/event-stream');
    assert.equal(first.headers.authorization, undefined, 'no env_key configured, so no bearer');
    const output = second.body.input.at(-1);
    assert.equal(output.type, 'function_call_output');
    assert.equal(output.call_id, 'call_0_0');
  } finally {
    await upstream.close();
  }
});
