/**
 * Reasoning models through Lynkr: the upstream thinks before it calls the tool. Claude Code
 * (thinking block, echoed back with its signature) and Codex (reasoning item with Lynkr's
 * encrypted_content, echoed back) both complete the task, and the echoed reasoning never
 * breaks the next upstream request.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockScript } from '../support/mock-upstream/index.js';
import { digest } from '../support/mock-upstream/wire-util.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';
import { shellToolScript } from '../support/scripts.js';

/** The shell-tool script, with the model thinking out loud on every turn. */
function thinkingShellScript(cli: 'codex' | 'claude', command: string): MockScript {
  const inner = shellToolScript({ cli, command });
  return async (req, turn) => ({ reasoning: `Turn ${turn}: deciding what to do.`, ...(await inner(req, turn)) });
}

for (const cli of ['claude', 'codex'] as const) {
  test(`${cli} with a reasoning Ollama model completes a shell task`, { timeout: 120_000 }, async () => {
    const marker = `${cli}-reasoning-ok`;
    const upstream = await startMockUpstream({ dialect: 'ollama', script: thinkingShellScript(cli, `echo ${marker}`) });
    try {
      let result: { code: number | null; stdout: string; stderr: string } | undefined;
      await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
        result =
          cli === 'claude'
            ? await runClaude({ baseUrl: url, prompt: `Run: echo ${marker}`, timeoutMs: 90_000 })
            : await runCodex({ baseUrl: url, prompt: `Run: echo ${marker}`, timeoutMs: 90_000 });
      });
      assert.equal(result!.code, 0, `${cli} failed:\n${result!.stderr}\n${result!.stdout}`);
      assert.match(result!.stdout, new RegExp(`FINAL: ${marker}`));
      assert.deepEqual(upstream.scriptErrors, []);
      // The second request carries the first turn's thinking back to Ollama as `thinking`, next to the call.
      const second = upstream.turnRequests.at(-1)!.body as { messages: Array<{ role: string; thinking?: string; tool_calls?: unknown[] }> };
      const assistant = second.messages.find((m) => m.role === 'assistant' && m.tool_calls);
      assert.ok(assistant, 'the tool call is in the history');
      assert.match(String(assistant.thinking ?? ''), /Turn 0: deciding/);
    } finally {
      await upstream.close();
    }
  });
}

test('codex → Anthropic with thinking: the signed thinking block goes back byte-exact before the tool_use', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', apiKey: 'sk-ant-think', script: thinkingShellScript('codex', 'echo codex-signed-ok') });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withLynkr({ MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-think', ANTHROPIC_ENDPOINT: upstream.url }, async (url) => {
      result = await runCodex({ baseUrl: url, prompt: 'Run: echo codex-signed-ok', timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `codex failed:\n${result!.stderr}\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: codex-signed-ok/);
    const first = upstream.turnRequests[0];
    const second = upstream.turnRequests.at(-1)!.body as { messages: Array<{ role: string; content: Array<Record<string, string>> }> };
    const assistant = second.messages.find((m) => m.role === 'assistant' && m.content.some((b) => b.type === 'tool_use'))!;
    assert.equal(assistant.content[0].type, 'thinking', 'thinking comes first, before the tool_use');
    assert.equal(assistant.content[0].thinking, 'Turn 0: deciding what to do.');
    // The mock signed turn 0's thinking as sig_<digest(thinking, 40)>: it must come back unchanged.
    assert.equal(assistant.content[0].signature, `sig_${digest('Turn 0: deciding what to do.', 40)}`);
    assert.ok(first, 'first request recorded');
  } finally {
    await upstream.close();
  }
});
