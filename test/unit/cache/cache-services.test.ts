import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { createCacheServices } from '../../../src/cache/cache-services.js';
import { loadConfig } from '../../../src/config/index.js';
import { PriceBook } from '../../../src/observability/price-book.js';
import { UpstreamHttp } from '../../../src/providers/upstream-http.js';

function services(env: Record<string, string>) {
  const config = loadConfig({ MODEL_PROVIDER: 'ollama', ...env }, { dotenvPath: false });
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
  const http = new UpstreamHttp(config.timeouts);
  return { caches: createCacheServices({ config, http, log, prices: new PriceBook() }), warnings, http };
}

test('caches open in LYNKR_DATA_DIR as configured, and close more than once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lynkr-services-'));
  try {
    const on = services({ LYNKR_DATA_DIR: dir, SEMANTIC_CACHE_ENABLED: 'true', OLLAMA_EMBEDDINGS_MODEL: 'all-minilm' });
    assert.equal(on.caches.prompt?.store.kind, 'sqlite');
    assert.ok(on.caches.semantic);
    assert.equal(on.caches.embeddings.model, 'all-minilm');
    await on.caches.close();
    await on.caches.close();
    await on.http.close();
    const off = services({ LYNKR_DATA_DIR: dir, PROMPT_CACHE_ENABLED: 'false' });
    assert.equal(off.caches.prompt, undefined);
    assert.equal(off.caches.semantic, undefined);
    assert.equal(off.caches.embeddings.model, 'nomic-embed-text', 'the default Ollama embeddings model');
    await off.caches.close();
    await off.http.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a data directory that cannot be created turns the caches off with a warning; Lynkr still starts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lynkr-services-'));
  try {
    const file = join(dir, 'not-a-directory');
    await writeFile(file, 'x');
    const { caches, warnings, http } = services({ LYNKR_DATA_DIR: join(file, 'data'), SEMANTIC_CACHE_ENABLED: 'true' });
    assert.equal(caches.prompt, undefined);
    assert.equal(caches.semantic, undefined);
    assert.deepEqual(warnings, ['prompt cache is off: it could not be opened', 'semantic cache is off: it could not be opened']);
    await caches.close();
    await http.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
