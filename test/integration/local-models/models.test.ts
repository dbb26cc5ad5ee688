/**
 * `GET /v1/models` answers both shapes in one body (wire-contract §1.1.3): the OpenAI list
 * and Codex's own `models` catalogue, each with the real context window of the mapped
 * model — Ollama's `/api/show` context length, capped at OLLAMA_NUM_CTX_MAX (the largest
 * window Lynkr ever gives the model).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../../support/lynkr.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { textScript } from '../../support/scripts.js';

type Json = Record<string, any>;

test('both shapes carry the context window Ollama reports for each mapped model', async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', contextLength: 40_960, architecture: 'qwen2', script: textScript('hi') });
  try {
    await withLynkr(
      { MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_MODEL: 'qwen2.5-coder:7b', MODEL_MAP: 'gpt-5.5=ollama:qwen3-coder:30b' },
      async (url) => {
        const res = await fetch(`${url}/v1/models`);
        assert.equal(res.status, 200);
        const body = (await res.json()) as Json;
        assert.equal(body.object, 'list');
        const ids = body.data.map((m: Json) => m.id).sort();
        assert.deepEqual(ids, ['gpt-5.5', 'qwen2.5-coder:7b']);
        for (const m of body.data) {
          assert.equal(m.object, 'model');
          assert.equal(m.context_window, 40_960, m.id);
        }
        const slugs = body.models.map((m: Json) => m.slug).sort();
        assert.deepEqual(slugs, ids);
        for (const m of body.models) {
          assert.equal(m.context_window, 40_960, m.slug);
          assert.equal(m.max_context_window, 40_960);
          assert.ok(m.auto_compact_token_limit > 0 && m.auto_compact_token_limit < 40_960, 'Codex compacts before the window is full');
        }
        // The window was asked of Ollama for the upstream model names, not the aliases.
        const shown = upstream.requests.filter((r) => r.path === '/api/show').map((r) => r.body.model).sort();
        assert.deepEqual(shown, ['qwen2.5-coder:7b', 'qwen3-coder:30b']);
        // Without the /v1 prefix too.
        assert.equal(((await (await fetch(`${url}/models`)).json()) as Json).models[0].context_window, 40_960);
      },
    );
  } finally {
    await upstream.close();
  }
});

test('the window is capped at OLLAMA_NUM_CTX_MAX', async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', contextLength: 262_144, script: textScript('hi') });
  try {
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_NUM_CTX_MAX: '32768' }, async (url) => {
      const body = (await (await fetch(`${url}/v1/models`)).json()) as Json;
      assert.equal(body.data[0].context_window, 32_768);
      assert.equal(body.models[0].context_window, 32_768);
    });
  } finally {
    await upstream.close();
  }
});
