/**
 * Issue 5, tool-loop guard: a model that calls a tool forever. With
 * POLICY_TOOL_LOOP_THRESHOLD=3, Lynkr asks the upstream for a final answer without tools
 * once the turn has made more than 3 tool rounds; the real CLIs then end the turn by
 * themselves (exit 0) with an answer that says the loop was stopped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream } from '../support/mock-upstream/index.js';
import { endlessToolScript } from '../support/mock-upstream/local-model-scripts.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';
import { declaredToolNames } from '../support/scripts.js';

const THRESHOLD = 3;

test('Codex: a model that calls a tool forever is stopped after the threshold; the turn ends cleanly', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: endlessToolScript({ cli: 'codex', finalText: 'FINAL: gave up looping' }) });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, POLICY_TOOL_LOOP_THRESHOLD: String(THRESHOLD) }, async (url) => {
      result = await runCodex({ baseUrl: url, prompt: 'Keep running commands', timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `codex failed:\nSTDERR:\n${result!.stderr}\nSTDOUT:\n${result!.stdout}`);
    assert.match(result!.stdout, /Lynkr stopped a tool loop after \d+ tool rounds/);
    assert.match(result!.stdout, /FINAL: gave up looping/);
    const calls = upstream.turnRequests.length;
    assert.ok(calls <= THRESHOLD + 2, `${calls} upstream calls`);
    // The last call is the forced answer: no tools offered.
    assert.deepEqual(declaredToolNames(upstream.turnRequests.at(-1)!), []);
    assert.ok(upstream.turnRequests.slice(0, -1).every((r) => declaredToolNames(r).includes('exec_command')));
  } finally {
    await upstream.close();
  }
});

test('Claude Code: the same loop is stopped and the turn ends cleanly', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: endlessToolScript({ cli: 'claude', finalText: 'FINAL: gave up looping' }) });
  try {
    let result: Awaited<ReturnType<typeof runClaude>> | undefined;
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, POLICY_TOOL_LOOP_THRESHOLD: String(THRESHOLD) }, async (url) => {
      result = await runClaude({ baseUrl: url, prompt: 'Keep running commands', timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `claude failed:\nSTDERR:\n${result!.stderr}\nSTDOUT:\n${result!.stdout}`);
    assert.match(result!.stdout, /Lynkr stopped a tool loop/);
    // Claude Code may send side requests without tools (titles, summaries); count the tool rounds.
    const withTools = upstream.turnRequests.filter((r) => declaredToolNames(r).includes('Bash'));
    assert.ok(withTools.length <= THRESHOLD + 1, `${withTools.length} calls offering tools`);
  } finally {
    await upstream.close();
  }
});
