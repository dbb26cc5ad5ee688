/**
 * The semantic cache never answers the wrong question (the "same response for all queries"
 * failure codex-guide.md warns about): with SEMANTIC_CACHE_ENABLED=true, the real Codex CLI
 * 0.169.0 runs two different tasks one after another through one Lynkr (same system prompt,
 * same tools) and each gets its own answer from the model (Ollama mock).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startMockUpstream, type MockScript } from '../support/mock-upstream/index.js';
import { runCodex } from '../support/run-codex.js';
import { withCachingLynkr } from '../integration/cache/cache-env.js';

type Json = Record<string, any>;

/** Answers every task with its own prompt, upper-cased, so each answer names its question. */
const answerTheTask: MockScript = (req) => {
  const prompt = ((req.body as Json).messages as Json[]).filter((m) => m.role === 'user').at(-1)?.content ?? '';
  return { text: `FINAL: ${String(prompt).toUpperCase()}` };
};

test('two different Codex tasks in a row each get their own answer with the semantic cache on', { timeout: 180_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: answerTheTask, embeddingDims: 64 });
  try {
    const tasks = ['What does the build script do?', 'List the failing unit tests.'];
    const outputs: string[] = [];
    await withCachingLynkr(
      { MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_MODEL: 'qwen2.5-coder:7b', OLLAMA_EMBEDDINGS_MODEL: 'nomic-embed-text', SEMANTIC_CACHE_ENABLED: 'true' },
      async (url) => {
        for (const prompt of tasks) {
          const result = await runCodex({ baseUrl: url, prompt, timeoutMs: 80_000 });
          assert.equal(result.code, 0, `codex failed:\n${result.stderr}\n${result.stdout}`);
          outputs.push(result.stdout);
        }
      },
    );
    assert.match(outputs[0], /FINAL: WHAT DOES THE BUILD SCRIPT DO\?/);
    assert.match(outputs[1], /FINAL: LIST THE FAILING UNIT TESTS\./);
    assert.equal(upstream.turnRequests.length, 2, 'each task was answered by the model');
    assert.ok(upstream.requests.filter((r) => r.path === '/api/embed').length >= 2, 'the semantic cache was consulted');
  } finally {
    await upstream.close();
  }
});
