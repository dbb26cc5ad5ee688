/**
 * The real Claude Code CLI straight against the anthropic mock (no Lynkr): proves runClaude and the
 * mock's Messages stream (and non-streaming Message) are good enough for Claude Code's agent loop.
 * Each test takes about 0.6–1 s (HEAD /, then two or three POST /v1/messages?beta=true).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { runClaude } from '../../support/run-claude.js';
import { shellToolScript } from '../../support/scripts.js';

test('Claude Code runs a Bash tool call from the anthropic mock and prints the final answer', { timeout: 60_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', script: shellToolScript({ cli: 'claude', command: 'echo cc-e2e-ok' }) });
  try {
    const result = await runClaude({ baseUrl: upstream.url, prompt: 'run the check', model: 'claude-opus-4-8', timeoutMs: 50_000 });
    assert.equal(result.code, 0, `claude failed:\n${result.stderr}\n${result.stdout}`);
    assert.match(result.stdout, /FINAL: cc-e2e-ok/);
    assert.deepEqual(upstream.scriptErrors, []);

    assert.ok(upstream.requests.some((r) => r.method === 'HEAD' && r.path === '/'), 'start-up probe');
    assert.equal(upstream.turnRequests.length, 2);
    const [first, second] = upstream.turnRequests;
    assert.equal(first.url, '/v1/messages?beta=true');
    assert.equal(first.body.model, 'claude-opus-4-8');
    assert.equal(first.body.stream, true);
    assert.equal(first.headers['x-api-key'], 'dummy');
    assert.equal(first.headers['anthropic-version'], '2023-06-01');
    assert.match(first.headers['anthropic-beta'], /claude-code-20250219/);
    const toolResult = second.body.messages.at(-1).content.find((b: { type: string }) => b.type === 'tool_result');
    assert.equal(toolResult.tool_use_id, 'toolu_mock_0_0');
  } finally {
    await upstream.close();
  }
});

test('Claude Code falls back to a non-streaming request after a cut stream, and the mock answers it', { timeout: 60_000 }, async () => {
  const shell = shellToolScript({ cli: 'claude', command: 'echo cc-fallback-ok' });
  const upstream = await startMockUpstream({
    dialect: 'anthropic',
    script: async (req, turn) => ({ ...(await shell(req, turn)), ...(turn === 0 ? { cutAfterChunks: 3 } : {}) }),
  });
  try {
    const result = await runClaude({ baseUrl: upstream.url, prompt: 'run the check', timeoutMs: 50_000 });
    assert.equal(result.code, 0, `claude failed:\n${result.stderr}\n${result.stdout}`);
    assert.match(result.stdout, /FINAL: cc-fallback-ok/);
    // Streamed (cut after message_start, block start, ping) → non-streaming retry → streamed follow-up.
    assert.deepEqual(
      upstream.turnRequests.map((r) => r.body.stream ?? false),
      [true, false, true],
    );
  } finally {
    await upstream.close();
  }
});
