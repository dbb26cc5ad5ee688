/**
 * The price table and its overrides: model-id spellings of OpenAI, OpenRouter and Bedrock map
 * onto the table; local providers cost 0; MODEL_PRICE_OVERRIDES beats the data directory's
 * model-prices.json, which beats the table; the cost of cache reads and writes.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { canonicalModelId, lookupBuiltinPrice } from '../../../src/observability/model-prices.js';
import { costOf, PriceBook } from '../../../src/observability/price-book.js';
import { startServer } from '../../../src/server/start-server.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { capturedLogger, eventually, json, tempDataDir, tokenUsage } from './support.js';

test('provider model ids map onto the price table', () => {
  const cases: Array<[string, string | undefined]> = [
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['openai/gpt-4.1-mini', 'gpt-4.1-mini'],
    ['gpt-4.1', 'gpt-4.1'],
    ['gpt-5-codex', 'gpt-5-codex'],
    ['gpt-5-2025-08-07', 'gpt-5'],
    ['gpt-5.1-codex-mini', 'gpt-5.1-codex-mini'],
    ['o3', 'o3'],
    ['o3-pro', 'o3-pro'],
    ['o4-mini-2025-04-16', 'o4-mini'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku'],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['anthropic/claude-3.5-sonnet', 'claude-3-5-sonnet'],
    ['anthropic/claude-3.7-sonnet:thinking', 'claude-3-7-sonnet'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet'],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4'],
    ['global.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
    ['google/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['gpt-4oops', undefined],
    ['qwen2.5-coder:7b', undefined],
  ];
  for (const [id, key] of cases) assert.equal(lookupBuiltinPrice(id)?.key, key, `${id} (canonical ${canonicalModelId(id)})`);
});

test('cost: uncached input, cache reads and writes at their rates, output', () => {
  const sonnet = lookupBuiltinPrice('claude-sonnet-4-5')!.price;
  // 1M prompt tokens of which 600k cache reads and 100k cache writes, 100k output.
  const usd = costOf({ input: 1_000_000, cached: 600_000, cacheWrite: 100_000, output: 100_000 }, sonnet);
  assert.equal(usd.toFixed(4), (0.3 * 3 + 0.6 * 0.3 + 0.1 * 3.75 + 0.1 * 15).toFixed(4));
  assert.equal(costOf({ input: 1000, cached: 0, cacheWrite: 0, output: 0 }, { input: 2, output: 8 }), 0.002);
});

test('price priority: MODEL_PRICE_OVERRIDES, then the price file, then local = 0, then the table', () => {
  const book = new PriceBook({ 'my-model': { input: 1, output: 2 }, 'gpt-4o': { input: 100 } }, { 'gpt-4o': { output: 50 }, 'ollama:qwen3': { input: 0.1, output: 0.2 }, 'x': { bogus: 1 } });
  assert.deepEqual(book.priceFor('openai', 'gpt-4o-2024-08-06'), { input: 100, output: 50, cached: 1.25, source: 'override', key: 'gpt-4o' });
  assert.equal(book.priceFor('openrouter', 'my-model')?.input, 1);
  assert.deepEqual(book.priceFor('ollama', 'qwen2.5-coder:7b'), { input: 0, output: 0, cached: 0, cacheWrite: 0, source: 'local', key: 'ollama' });
  assert.equal(book.priceFor('ollama', 'qwen3')?.input, 0.1, 'a provider:model override prices even a local model');
  assert.equal(book.priceFor('openai', 'some-fine-tune'), undefined);
  assert.deepEqual(book.warnings, ['price override for "x": unknown field "bogus" (use input, output, cached, cache_write)']);
  assert.equal(book.reference().model, 'claude-sonnet-4-5');
});

test('/metrics/token-usage prices with MODEL_PRICE_OVERRIDES and <LYNKR_DATA_DIR>/model-prices.json; Ollama costs 0', { timeout: 30_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'ok', usage: { input: 1_000_000, output: 100_000 } }) });
  const data = await tempDataDir();
  await writeFile(join(data.dir, 'model-prices.json'), JSON.stringify({ 'ollama:priced-local': { input: 0.5, output: 1 }, 'claude-sonnet-4-5': { input: 4 } }));
  const { log, lines } = capturedLogger('warn');
  const server = await startServer({
    env: { OLLAMA_ENDPOINT: upstream.url, OLLAMA_MODEL: 'qwen2.5-coder:7b', LYNKR_DATA_DIR: data.dir, MODEL_PRICE_OVERRIDES: '{"claude-sonnet-4-5":{"input":5}}' },
    port: 0,
    logger: log,
  });
  try {
    for (const model of ['gpt-4o', 'ollama:priced-local']) {
      const res = await fetch(`${server.url}/v1/chat/completions`, json({ model, messages: [{ role: 'user', content: 'hi' }] }));
      assert.equal(res.status, 200);
      await res.text();
    }
    await eventually(async () => (await tokenUsage(server.url)).totals.requests === 2, 'two recorded requests');
    const usage = await tokenUsage(server.url);
    // The environment's override wins over the file for the reference model's input price.
    assert.deepEqual(usage.reference_model, { model: 'claude-sonnet-4-5', input: 5, output: 15, cached: 0.3 });
    const qwen = usage.by_model.find((m: any) => m.model === 'qwen2.5-coder:7b');
    assert.equal(qwen.price.source, 'local');
    assert.equal(qwen.cost_usd, 0);
    assert.equal(qwen.reference_cost_usd, 5 + 1.5);
    assert.equal(qwen.savings_usd, 6.5);
    const priced = usage.by_model.find((m: any) => m.model === 'priced-local');
    assert.equal(priced.price.source, 'override');
    assert.equal(priced.cost_usd, 0.5 + 0.1);
    assert.equal(usage.totals.cost_usd, 0.6);
    assert.equal(usage.totals.savings_usd, 6.5 + 6.5 - 0.6);
    assert.equal(usage.by_provider.length, 1);
    assert.equal(lines.filter((l) => /price/i.test(l.msg)).length, 0, 'valid price files raise no warning');
  } finally {
    await server.close();
    await upstream.close();
    await data.remove();
  }
});
