/**
 * With LYNKR_API_KEYS, the figures need a key: /metrics, /metrics/token-usage and
 * /dashboard/data answer 401 without one (a `?key=` query parameter is not a key). The
 * dashboard's page shell and its assets carry no data and load without a key, so the page
 * can ask for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../../src/server/start-server.js';
import { silent, tempDataDir } from './support.js';

test('metrics and dashboard data need the key; the dashboard shell does not', { timeout: 20_000 }, async () => {
  const data = await tempDataDir();
  const server = await startServer({ env: { LYNKR_API_KEYS: 'dash-key-1', OLLAMA_ENDPOINT: 'http://127.0.0.1:9', LYNKR_DATA_DIR: data.dir }, port: 0, logger: silent });
  try {
    for (const path of ['/metrics', '/metrics/token-usage', '/dashboard/data', '/dashboard/data?key=dash-key-1', '/metrics?key=dash-key-1']) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 401, path);
      await res.text();
      const ok = await fetch(server.url + path, { headers: { authorization: 'Bearer dash-key-1' } });
      assert.equal(ok.status, 200, path);
      await ok.text();
    }
    const page = await fetch(`${server.url}/dashboard`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await page.text();
    assert.match(html, /<meta name="lynkr-auth" content="required">/);
    for (const asset of html.matchAll(/(?:src|href)="(\/dashboard\/[^"]+)"/g)) {
      const res = await fetch(server.url + asset[1]);
      assert.equal(res.status, 200, asset[1]);
      assert.ok((await res.text()).length > 100, asset[1]);
    }
    // Only GET/HEAD of those exact paths are open.
    assert.equal((await fetch(`${server.url}/dashboard`, { method: 'POST', body: '{}' })).status, 401);
    assert.equal((await fetch(`${server.url}/dashboard/other.js`)).status, 401);
  } finally {
    await server.close();
    await data.remove();
  }
});
