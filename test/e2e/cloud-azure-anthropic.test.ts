/**
 * The real Claude Code 2.1.197 completing a Bash task through Lynkr against Azure's Anthropic
 * endpoint (Azure AI Foundry: `https://<resource>.services.ai.azure.com/anthropic/v1/messages`),
 * configured the way older Lynkr `.env` files hold it: the full messages URL. Claude Code's body
 * takes the pass-through fast path with Lynkr's `x-api-key`, the client's `anthropic-beta` and the
 * requested Claude model.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream } from '../support/mock-upstream/index.js';
import { runClaude } from '../support/run-claude.js';
import { shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

test('Claude Code → Lynkr → Azure Anthropic (full /anthropic/v1/messages URL) completes a Bash task', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', apiKey: 'azure-anthropic-key', script: shellToolScript({ cli: 'claude', command: 'echo azure-anthropic-ok' }) });
  try {
    let result: Awaited<ReturnType<typeof runClaude>> | undefined;
    await withLynkr(
      {
        MODEL_PROVIDER: 'azure-anthropic',
        AZURE_ANTHROPIC_ENDPOINT: `${upstream.url}/anthropic/v1/messages`,
        AZURE_ANTHROPIC_API_KEY: 'azure-anthropic-key',
        AZURE_ANTHROPIC_MODEL: 'claude-sonnet-4-5',
      },
      async (url) => {
        result = await runClaude({ baseUrl: url, prompt: 'Run: echo azure-anthropic-ok', model: 'claude-opus-4-5', timeoutMs: 90_000 });
      },
    );
    assert.equal(result!.code, 0, `claude failed:\n${result!.stderr}\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: azure-anthropic-ok/);
    assert.deepEqual(upstream.scriptErrors, []);
    const turns = upstream.turnRequests;
    assert.ok(turns.length >= 2);
    for (const t of turns) {
      assert.equal(t.path, '/anthropic/v1/messages');
      assert.equal(t.headers['x-api-key'], 'azure-anthropic-key', "Lynkr's key, never the client's");
      assert.equal(t.headers['anthropic-version'], '2023-06-01');
      assert.match(String(t.headers['anthropic-beta']), /claude-code-20250219/);
      assert.equal((t.body as Json).model, 'claude-opus-4-5', 'a claude-* model is passed on to an Anthropic upstream');
    }
    const last = turns.at(-1)!.body as Json;
    const toolResult = last.messages.at(-1).content.find((b: Json) => b.type === 'tool_result');
    assert.match(JSON.stringify(toolResult.content), /azure-anthropic-ok/);
  } finally {
    await upstream.close();
  }
});
