/**
 * The dashboard in a real headless Chromium (Debian `chromium` driven by playwright-core):
 * the page asks for the API key, then shows the same figures as /metrics/token-usage after
 * some requests through two providers, keeps the key for the tab, refreshes itself, and logs
 * no console error (CSP violations included). Writes test-results/dashboard.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../../src/server/start-server.js';
import { startMockUpstream } from '../support/mock-upstream/index.js';
import { eventually, json, scrape, silent, sum, tempDataDir, tokenUsage } from '../integration/observability/support.js';

const CHROMIUM = '/usr/bin/chromium';
const KEY = 'dashboard-e2e-key';
const AUTH = { authorization: `Bearer ${KEY}` };
const SCREENSHOT = 'test-results/dashboard.png';

const skip = existsSync(CHROMIUM) ? false : `needs ${CHROMIUM}: apt-get install chromium (.ci/run installs it)`;

/** The number a page element shows ("1,234", "$0.0123", "-$1.50"). */
async function shown(page: Page, id: string): Promise<{ value: number; decimals: number }> {
  const text = (await page.locator(`#${id}`).textContent()) ?? '';
  const clean = text.replace(/[$,\s]/g, '');
  assert.match(clean, /^-?\d+(\.\d+)?$/, `#${id} shows "${text}"`);
  return { value: Number(clean), decimals: clean.split('.')[1]?.length ?? 0 };
}

async function assertShows(page: Page, id: string, expected: number): Promise<void> {
  const { value, decimals } = await shown(page, id);
  assert.ok(Math.abs(value - expected) <= 0.5 * 10 ** -decimals + 1e-12, `#${id}: page shows ${value}, /metrics/token-usage has ${expected}`);
}

test('dashboard: key prompt, figures equal to /metrics/token-usage, self-refresh, no console errors', { skip, timeout: 90_000 }, async () => {
  const ollama = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'local answer', usage: { input: 1200, output: 300 } }) });
  const openai = await startMockUpstream({ dialect: 'openai-chat', script: () => ({ text: 'cloud answer', usage: { input: 2000, output: 150 } }) });
  const data = await tempDataDir();
  const server = await startServer({
    env: { LYNKR_API_KEYS: KEY, OLLAMA_ENDPOINT: ollama.url, OLLAMA_MODEL: 'qwen2.5-coder:7b', OPENAI_ENDPOINT: openai.url, OPENAI_API_KEY: 'sk-dash', LYNKR_DATA_DIR: data.dir },
    port: 0,
    logger: silent,
  });
  const send = async (path: string, body: object) => {
    const res = await fetch(server.url + path, json(body, AUTH));
    assert.equal(res.status, 200);
    await res.text();
  };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (let i = 0; i < 3; i++) await send('/v1/chat/completions', { model: 'qwen', messages: [{ role: 'user', content: `question ${i}` }] });
    await send('/v1/chat/completions', { model: 'qwen', messages: [{ role: 'user', content: 'question 0' }] }); // a prompt-cache hit
    for (let i = 0; i < 2; i++) await send('/v1/responses', { model: 'openai:gpt-4o-mini', input: `cloud question ${i}`, stream: true });
    await eventually(async () => (await tokenUsage(server.url, AUTH)).totals.requests === 6, '6 recorded requests');

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => consoleErrors.push(`requestfailed: ${r.url()}`));

    await page.goto(`${server.url}/dashboard`);
    await page.locator('#key-form').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('#content').isVisible(), false, 'no figures before the key');
    await page.fill('#key-input', KEY);
    await page.click('#key-form button[type="submit"]');
    await page.waitForFunction(() => Number(document.body.dataset.refreshes ?? 0) >= 1, undefined, { timeout: 10_000 });

    const usage = await tokenUsage(server.url, AUTH);
    const t = usage.totals;
    assert.equal(t.input_tokens, 3 * 1200 + 2 * 2000, 'the cache hit used no upstream tokens');
    assert.equal(t.cache_hits, 1);
    await assertShows(page, 'total-requests', t.requests);
    await assertShows(page, 'total-errors', t.errors);
    await assertShows(page, 'total-input-tokens', t.input_tokens);
    await assertShows(page, 'total-output-tokens', t.output_tokens);
    await assertShows(page, 'total-cached-tokens', t.cached_input_tokens);
    await assertShows(page, 'estimated-requests', t.estimated.requests);
    await assertShows(page, 'total-cost', t.cost_usd);
    await assertShows(page, 'reference-cost', t.reference_cost_usd);
    await assertShows(page, 'total-savings', t.savings_usd);
    assert.equal(await page.locator('#reference-model').textContent(), usage.reference_model.model);
    const samples = await scrape(server.url, AUTH);
    const lookups = sum(samples, 'lynkr_cache_requests_total');
    assert.ok(lookups >= 6, `cache lookups: ${lookups}`);
    assert.equal(await page.locator('#cache-hit-rate').textContent(), `${((100 * sum(samples, 'lynkr_cache_requests_total', { result: 'hit' })) / lookups).toFixed(1)}%`);
    assert.equal(await page.locator('#active-streams').textContent(), '0');
    await assertShows(page, 'saved-tokens', sum(samples, 'lynkr_tokens_saved_total'));
    assert.match((await page.locator('#latency-p50').textContent()) ?? '', /^\d+(\.\d+)? m?s$/);
    assert.match((await page.locator('#ttft-p50').textContent()) ?? '', /^\d+(\.\d+)? m?s$/);

    // By provider and by model, row by row, as /metrics/token-usage lists them.
    const providerRows = await page.locator('#table-providers tbody tr').allTextContents();
    assert.equal(providerRows.length, usage.by_provider.length);
    const modelCells = await page.locator('#table-models tbody tr').evaluateAll((rows) => rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => c.textContent)));
    assert.deepEqual(
      modelCells.map((c) => [c[0], c[1], Number(c[2]), Number(c[3]!.replace(/,/g, '')), Number(c[4]!.replace(/,/g, ''))]),
      usage.by_model.map((m: any) => [m.provider, m.model, m.requests, m.input_tokens, m.output_tokens]),
    );
    for (const chart of ['chart-requests', 'chart-tokens', 'chart-providers', 'chart-cost']) {
      assert.equal(await page.locator(`#${chart} canvas`).count(), 1, `${chart} is drawn`);
    }

    // The key stays for the tab: a reload goes straight to the figures.
    await page.reload();
    await page.waitForFunction(() => Number(document.body.dataset.refreshes ?? 0) >= 1, undefined, { timeout: 10_000 });
    assert.equal(await page.locator('#key-form').isVisible(), false);

    // It refreshes itself: new requests show up without a reload.
    const before = Number(await page.evaluate(() => document.body.dataset.refreshes));
    await send('/v1/chat/completions', { model: 'qwen', messages: [{ role: 'user', content: 'again' }] });
    await eventually(async () => (await tokenUsage(server.url, AUTH)).totals.requests === 7, '7 recorded requests');
    await page.waitForFunction((n) => Number(document.body.dataset.refreshes) > n, before, { timeout: 12_000 });
    await assertShows(page, 'total-requests', 7);
    await assertShows(page, 'total-input-tokens', (await tokenUsage(server.url, AUTH)).totals.input_tokens);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
    await server.close();
    await ollama.close();
    await openai.close();
    await data.remove();
  }
});
