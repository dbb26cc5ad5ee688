/**
 * The real Claude Code 2.1.197 (`claude -p … --allowedTools Bash`) completing a Bash-tool task
 * through Lynkr against an Anthropic upstream (pass-through fast path), Ollama native and an
 * OpenAI-compatible upstream; and the real Codex CLI against an Anthropic upstream
 * (Responses → Messages translation).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream/index.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';
import { shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

async function claudeThrough(upstream: MockUpstream, env: Record<string, string>, marker: string, model?: string) {
  let result: Awaited<ReturnType<typeof runClaude>> | undefined;
  await withLynkr(env, async (url) => {
    result = await runClaude({ baseUrl: url, prompt: `Run: echo ${marker}`, model, timeoutMs: 90_000 });
  });
  assert.ok(result);
  assert.equal(result.code, 0, `claude failed:\nSTDERR:\n${result.stderr}\nSTDOUT:\n${result.stdout}`);
  assert.match(result.stdout, new RegExp(`FINAL: ${marker}`));
  assert.deepEqual(upstream.scriptErrors, []);
}

test('Claude Code → Lynkr → Anthropic (pass-through) completes a Bash task', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', apiKey: 'sk-ant-upstream', script: shellToolScript({ cli: 'claude', command: 'echo cc-anthropic-ok' }) });
  try {
    await claudeThrough(upstream, { MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-upstream', ANTHROPIC_ENDPOINT: upstream.url }, 'cc-anthropic-ok');
    const turns = upstream.turnRequests;
    assert.ok(turns.length >= 2);
    for (const t of turns) {
      assert.equal(t.path, '/v1/messages');
      // Lynkr's own key reaches the upstream, never the client's dummy key.
      assert.equal(t.headers['x-api-key'], 'sk-ant-upstream');
      assert.match(String(t.headers['anthropic-beta']), /claude-code-20250219/);
      assert.equal(t.headers['anthropic-version'], '2023-06-01');
      // Pass-through: Claude Code's own fields arrive untouched.
      assert.equal((t.body as Json).max_tokens, 32000 <= (t.body as Json).max_tokens ? (t.body as Json).max_tokens : NaN);
      assert.ok((t.body as Json).system.some((b: Json) => String(b.text).startsWith('x-anthropic-billing-header')));
    }
    const last = turns.at(-1)!.body as Json;
    const toolResult = last.messages.at(-1).content.find((b: Json) => b.type === 'tool_result');
    assert.match(JSON.stringify(toolResult.content), /cc-anthropic-ok/);
  } finally {
    await upstream.close();
  }
});

test('Claude Code → Lynkr → Ollama native completes a Bash task', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: shellToolScript({ cli: 'claude', command: 'echo cc-ollama-ok' }) });
  try {
    await claudeThrough(upstream, { MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, 'cc-ollama-ok');
    for (const t of upstream.turnRequests) {
      const body = t.body as Json;
      assert.equal(body.model, 'qwen2.5-coder:latest', 'claude-* names map to the Ollama default model');
      assert.equal(body.messages[0].role, 'system');
      assert.ok(!JSON.stringify(body.messages[0].content).includes('x-anthropic-billing-header'));
      assert.ok(!JSON.stringify(body).includes('cache_control'));
      assert.ok(body.options.num_predict <= 16384, 'Claude Code asks 64000; clamped for local models');
    }
  } finally {
    await upstream.close();
  }
});

test('Claude Code → Lynkr → OpenAI-compatible upstream completes a Bash task', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', apiKey: 'sk-or-test', script: shellToolScript({ cli: 'claude', command: 'echo cc-openai-ok' }) });
  try {
    await claudeThrough(
      upstream,
      { MODEL_PROVIDER: 'openrouter', OPENROUTER_API_KEY: 'sk-or-test', OPENROUTER_ENDPOINT: `${upstream.url}/v1`, OPENROUTER_MODEL: 'qwen/qwen3-coder' },
      'cc-openai-ok',
    );
    const last = upstream.turnRequests.at(-1)!.body as Json;
    const assistant = last.messages.find((m: Json) => m.role === 'assistant' && m.tool_calls);
    const toolIdx = last.messages.findIndex((m: Json) => m.role === 'tool');
    assert.equal(last.messages[toolIdx - 1], assistant, 'tool result right after its call');
    assert.equal(last.messages[toolIdx].tool_call_id, assistant.tool_calls[0].id);
    assert.ok(last.max_tokens <= 16384);
  } finally {
    await upstream.close();
  }
});

test('Codex → Lynkr → Anthropic upstream (Responses → Messages) completes a shell task', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', apiKey: 'sk-ant-x', script: shellToolScript({ cli: 'codex', command: 'echo codex-anthropic-ok' }) });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withLynkr({ MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-x', ANTHROPIC_ENDPOINT: upstream.url, ANTHROPIC_MODEL: 'claude-sonnet-4-5' }, async (url) => {
      result = await runCodex({ baseUrl: url, prompt: 'Run: echo codex-anthropic-ok', timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `codex failed:\n${result!.stderr}\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: codex-anthropic-ok/);
    const [first, second] = upstream.turnRequests;
    const body = first.body as Json;
    assert.equal(body.model, 'claude-sonnet-4-5');
    assert.ok(typeof body.max_tokens === 'number' && body.max_tokens > 0, 'Anthropic requires max_tokens');
    assert.ok(Array.isArray(body.system) && body.system.length > 0, 'developer messages become system');
    assert.equal(body.messages[0].role, 'user');
    const msgs = (second.body as Json).messages;
    const useIdx = msgs.findIndex((m: Json) => m.role === 'assistant' && m.content.some((b: Json) => b.type === 'tool_use'));
    const next = msgs[useIdx + 1];
    assert.equal(next.role, 'user');
    assert.equal(next.content[0].type, 'tool_result');
  } finally {
    await upstream.close();
  }
});
