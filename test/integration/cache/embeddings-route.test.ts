/**
 * `POST /v1/embeddings` in OpenAI's shape, served by the configured embeddings provider: Ollama's
 * `/api/embed` (mock) and an OpenAI-compatible `/embeddings` server. The official `openai` SDK
 * (which asks for base64 by default) decodes the same vectors the provider produced; bad input
 * and provider errors come back as OpenAI errors.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import OpenAI from 'openai';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { postJson, withCachingLynkr } from './cache-env.js';

type Json = Record<string, any>;

test('Ollama embeddings through /v1/embeddings: the openai SDK gets the provider\'s vectors', async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'unused' }), embeddingDims: 32, models: ['qwen2.5-coder:7b', 'nomic-embed-text'] });
  try {
    const direct = await postJson(`${upstream.url}/api/embed`, { model: 'nomic-embed-text', input: ['red apples', 'blue sky'] });
    await withCachingLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_EMBEDDINGS_MODEL: 'nomic-embed-text' }, async (url) => {
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const res = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['red apples', 'blue sky'] });
      assert.equal(res.object, 'list');
      assert.equal(res.model, 'nomic-embed-text', 'the configured embeddings model is used and named');
      assert.equal(res.data.length, 2);
      res.data.forEach((d, i) => {
        assert.equal(d.object, 'embedding');
        assert.equal(d.index, i);
        assert.equal(d.embedding.length, 32);
        d.embedding.forEach((v, j) => assert.ok(Math.abs(v - direct.body.embeddings[i][j]) < 1e-6, 'float32 round trip of the provider vector'));
      });
      assert.ok(res.usage.prompt_tokens > 0);
      assert.equal(res.usage.total_tokens, res.usage.prompt_tokens);

      const floats = await postJson(`${url}/v1/embeddings`, { model: 'x', input: 'red apples', encoding_format: 'float' });
      assert.deepEqual(floats.body.data[0].embedding, direct.body.embeddings[0]);

      const tokens = await postJson(`${url}/v1/embeddings`, { model: 'x', input: [[1, 2, 3]] });
      assert.equal(tokens.status, 400);
      assert.equal(tokens.body.error.type, 'invalid_request_error');
      assert.equal(tokens.body.error.param, 'input');
      assert.match(tokens.body.error.message, /token arrays are not supported/);
    });
    await withCachingLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_EMBEDDINGS_MODEL: 'not-pulled' }, async (url) => {
      const missing = await postJson(`${url}/v1/embeddings`, { model: 'x', input: 'hello' });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'model_not_found');
      assert.match(missing.body.error.message, /not-pulled/);
    });
  } finally {
    await upstream.close();
  }
});

test('OpenAI-compatible embeddings: /embeddings with the key, vectors put back in input order', async () => {
  const seen: Array<{ url: string; auth?: string; body: Json }> = [];
  const read = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString();
  };
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as Json;
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, body });
    const data = (body.input as string[]).map((text, index) => ({ object: 'embedding', index, embedding: [text.length, index, 0.5] })).reverse();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 11, total_tokens: 11 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  try {
    await withCachingLynkr(
      { MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-embed', OPENAI_ENDPOINT: base, EMBEDDINGS_PROVIDER: 'openai', OPENAI_EMBEDDINGS_MODEL: 'text-embedding-3-large' },
      async (url) => {
        const res = await postJson(`${url}/v1/embeddings`, { model: 'whatever', input: ['abc', 'de'], encoding_format: 'float', dimensions: 3 });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body.data.map((d: Json) => d.embedding), [[3, 0, 0.5], [2, 1, 0.5]]);
        assert.deepEqual(res.body.usage, { prompt_tokens: 11, total_tokens: 11 });
        assert.equal(res.body.model, 'text-embedding-3-large');
      },
    );
    assert.equal(seen.length, 1);
    assert.equal(seen[0].url, '/v1/embeddings');
    assert.equal(seen[0].auth, 'Bearer sk-embed');
    assert.deepEqual(seen[0].body, { model: 'text-embedding-3-large', input: ['abc', 'de'], encoding_format: 'float', dimensions: 3 });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
