/**
 * Where a Databricks call goes for each DATABRICKS_ENDPOINT_PATH form, and which serving
 * endpoint is the default model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databricksEndpoint } from '../../../src/providers/databricks/databricks-endpoint.js';

const BASE = 'https://dbc-1234.cloud.databricks.com';

test('no path: /serving-endpoints/<model>/invocations for the routed model', () => {
  const e = databricksEndpoint({ apiBase: `${BASE}/` });
  assert.equal(e.model, undefined);
  assert.equal(e.url('databricks-claude-sonnet-4-5'), `${BASE}/serving-endpoints/databricks-claude-sonnet-4-5/invocations`);
});

test('a path naming one endpoint (older .env files): its name is the default, another model swaps it', () => {
  const e = databricksEndpoint({ apiBase: BASE, endpointPath: '/serving-endpoints/databricks-claude-sonnet-4-5/invocations' });
  assert.equal(e.model, 'databricks-claude-sonnet-4-5');
  assert.equal(e.url('databricks-claude-sonnet-4-5'), `${BASE}/serving-endpoints/databricks-claude-sonnet-4-5/invocations`);
  assert.equal(e.url('databricks-gpt-oss-120b'), `${BASE}/serving-endpoints/databricks-gpt-oss-120b/invocations`);
});

test('placeholders and other paths', () => {
  for (const path of ['serving-endpoints/{model}/invocations', '/serving-endpoints/<model>/invocations']) {
    const e = databricksEndpoint({ apiBase: BASE, endpointPath: path });
    assert.equal(e.url('m1'), `${BASE}/serving-endpoints/m1/invocations`, path);
    assert.equal(e.url('m2'), `${BASE}/serving-endpoints/m2/invocations`, `${path} (second call)`);
  }
  const compat = databricksEndpoint({ apiBase: BASE, endpointPath: '/serving-endpoints/chat/completions' });
  assert.equal(compat.model, undefined);
  assert.equal(compat.url('anything'), `${BASE}/serving-endpoints/chat/completions`);
});
