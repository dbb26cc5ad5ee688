/**
 * Issue 5, context: a local model with a small window. A request that cannot fit is refused
 * with `context_length_exceeded` in the client's dialect instead of being silently truncated
 * by Ollama: Codex says it ran out of room, Claude Code says the prompt is too long (it parses
 * Lynkr's numbers). With `model_context_window` in Codex's config.toml (docs/local-models.md),
 * Codex compacts in time and the task completes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockScript } from '../support/mock-upstream/index.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';
import { declaredToolNames, shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

test('a prompt larger than the window: Codex reports running out of room, Claude Code a too-long prompt; the model is never called', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', contextLength: 4096, script: () => ({ text: 'FINAL: should not happen' }) });
  try {
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
      const codex = await runCodex({ baseUrl: url, prompt: 'Say hello', timeoutMs: 60_000 });
      assert.equal(codex.code, 1);
      assert.match(codex.stderr, /ran out of room in the model's context window/);
      const claude = await runClaude({ baseUrl: url, prompt: 'Say hello', timeoutMs: 60_000 });
      assert.equal(claude.code, 1);
      assert.match(claude.stdout, /Prompt is too long/);
      assert.match(claude.stdout, /limit 4096/);
    });
    assert.equal(upstream.turnRequests.length, 0, 'nothing was truncated upstream because nothing was sent');
  } finally {
    await upstream.close();
  }
});

test('with model_context_window configured, Codex compacts in time and finishes the task', { timeout: 120_000 }, async () => {
  const tool = shellToolScript({ cli: 'codex', command: 'yes word | head -n 6000' });
  const script: MockScript = (req, turn) => {
    const body = JSON.stringify(req.body);
    if (body.includes('CONTEXT CHECKPOINT COMPACTION')) return { text: 'SUMMARY: ran the command, its output was long.' };
    if (body.includes('SUMMARY: ran the command')) return { text: 'FINAL: done after compaction' };
    return tool(req, turn);
  };
  const upstream = await startMockUpstream({ dialect: 'ollama', contextLength: 9000, script });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
      result = await runCodex({
        baseUrl: url,
        prompt: 'Run the command',
        extraConfig: 'model_context_window = 9000\nmodel_auto_compact_token_limit = 8000',
        timeoutMs: 90_000,
      });
    });
    assert.equal(result!.code, 0, `codex failed:\nSTDERR:\n${result!.stderr}\nSTDOUT:\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: done after compaction/);
    const compaction = upstream.turnRequests.find((r) => JSON.stringify(r.body).includes('CONTEXT CHECKPOINT COMPACTION'));
    assert.ok(compaction, 'Codex sent a local compaction request');
    assert.deepEqual(declaredToolNames(compaction), [], 'the compaction request reaches Ollama without tools');
    assert.ok(!('tool_choice' in (compaction.body as Json)));
  } finally {
    await upstream.close();
  }
});
