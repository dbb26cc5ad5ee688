/**
 * The real Codex CLI 0.169.0 completing a shell-tool task through Lynkr against local and
 * OpenAI-compatible upstreams: Ollama native /api/chat (NDJSON, object arguments, no ids),
 * a llama.cpp server (OpenAI chat SSE), and OpenAI configured the old way (OPENAI_ENDPOINT as
 * a full chat-completions URL). The model's second turn answers with the tool's output, so
 * "FINAL: <output>" on Codex's stdout proves the output travelled Codex → Lynkr → model → user.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream/index.js';
import { runCodex } from '../support/run-codex.js';
import { shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

async function codexThrough(upstream: MockUpstream, env: Record<string, string>, marker: string) {
  let result: Awaited<ReturnType<typeof runCodex>> | undefined;
  await withLynkr(env, async (url) => {
    result = await runCodex({ baseUrl: url, prompt: `Run: echo ${marker}`, timeoutMs: 90_000 });
  });
  assert.ok(result);
  assert.equal(result.code, 0, `codex failed:\nSTDERR:\n${result.stderr}\nSTDOUT:\n${result.stdout}`);
  assert.match(result.stdout, new RegExp(`FINAL: ${marker}`));
  assert.deepEqual(upstream.scriptErrors, []);
  return result;
}

test('Codex → Lynkr → Ollama native /api/chat completes a shell-tool task', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: shellToolScript({ cli: 'codex', command: 'echo ollama-e2e-ok' }) });
  try {
    await codexThrough(upstream, { MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_MODEL: 'qwen2.5-coder:7b', OLLAMA_KEEP_ALIVE: '24h' }, 'ollama-e2e-ok');
    const turns = upstream.turnRequests;
    assert.equal(turns.length, 2);
    for (const t of turns) {
      assert.equal(t.path, '/api/chat');
      const body = t.body as Json;
      assert.equal(body.model, 'qwen2.5-coder:7b');
      assert.equal(body.stream, true);
      assert.equal(body.keep_alive, '24h');
      // Codex's ~20k-token prompt must fit: num_ctx sized above the 16384 floor.
      assert.ok(body.options.num_ctx >= 16384, `num_ctx ${body.options.num_ctx}`);
      // One leading system message, never the developer role.
      assert.equal(body.messages[0].role, 'system');
      assert.equal(body.messages.filter((m: Json) => m.role === 'system').length, 1);
      assert.ok(body.tools.some((tool: Json) => tool.function.name === 'exec_command'));
    }
    const second = turns[1].body as Json;
    const call = second.messages.find((m: Json) => m.role === 'assistant' && m.tool_calls);
    assert.equal(typeof call.tool_calls[0].function.arguments, 'object', 'Ollama takes arguments as an object');
    const tool = second.messages.at(-1);
    assert.equal(tool.role, 'tool');
    assert.match(tool.content, /ollama-e2e-ok/);
  } finally {
    await upstream.close();
  }
});

test('Codex → Lynkr → llama.cpp server (OpenAI chat) completes a shell-tool task', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', script: shellToolScript({ cli: 'codex', command: 'echo llamacpp-e2e-ok' }) });
  try {
    await codexThrough(upstream, { MODEL_PROVIDER: 'llamacpp', LLAMACPP_ENDPOINT: upstream.url }, 'llamacpp-e2e-ok');
    const [first, second] = upstream.turnRequests;
    assert.equal(first.path, '/v1/chat/completions');
    const body = first.body as Json;
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.messages[0].role, 'system');
    assert.ok(!body.messages.some((m: Json) => m.role === 'developer'));
    // The freeform apply_patch tool is sent as a function taking {input}.
    const applyPatch = body.tools.find((t: Json) => t.function.name === 'apply_patch');
    if (applyPatch) assert.deepEqual(applyPatch.function.parameters.required, ['input']);
    const msgs = (second.body as Json).messages;
    const assistant = msgs.find((m: Json) => m.role === 'assistant' && m.tool_calls);
    const toolMsg = msgs.find((m: Json) => m.role === 'tool');
    assert.equal(toolMsg.tool_call_id, assistant.tool_calls[0].id);
  } finally {
    await upstream.close();
  }
});

test('Codex → Lynkr → OpenAI configured with a full chat-completions OPENAI_ENDPOINT', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-chat',
    apiKey: 'sk-test-legacy',
    script: shellToolScript({ cli: 'codex', command: 'echo openai-e2e-ok' }),
  });
  try {
    await codexThrough(
      upstream,
      { MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test-legacy', OPENAI_ENDPOINT: `${upstream.url}/v1/chat/completions`, OPENAI_MODEL: 'gpt-4o-mini' },
      'openai-e2e-ok',
    );
    for (const t of upstream.turnRequests) {
      assert.equal(t.path, '/v1/chat/completions');
      assert.equal(t.headers.authorization, 'Bearer sk-test-legacy');
      assert.equal((t.body as Json).model, 'gpt-4o-mini');
    }
  } finally {
    await upstream.close();
  }
});
