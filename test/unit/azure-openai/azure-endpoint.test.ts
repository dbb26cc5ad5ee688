/**
 * Every AZURE_OPENAI_ENDPOINT form users have in their `.env`: which API Lynkr speaks and the
 * exact URL a call for a deployment goes to (api-version added only where Azure needs it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAzureEndpoint } from '../../../src/providers/azure-openai/azure-endpoint.js';

const V = '2025-04-01-preview';
const parse = (endpoint: string) => parseAzureEndpoint({ endpoint, apiVersion: V });

test('resource root (with or without a trailing slash or /openai): deployment chat completions with the api-version', () => {
  for (const endpoint of ['https://r.openai.azure.com', 'https://r.openai.azure.com/', 'https://r.openai.azure.com/openai/']) {
    const e = parse(endpoint);
    assert.equal(e.api, 'openai-chat', endpoint);
    assert.equal(e.deployment, undefined);
    assert.equal(e.url('gpt-4o'), `https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=${V}`, endpoint);
  }
  assert.equal(parse('https://r.openai.azure.com').url('my dep/x'), `https://r.openai.azure.com/openai/deployments/my%20dep%2Fx/chat/completions?api-version=${V}`);
});

test('full deployment URL: chat completions, its own api-version kept, the deployment swappable', () => {
  const e = parse('https://r.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21');
  assert.equal(e.api, 'openai-chat');
  assert.equal(e.deployment, 'gpt-4o-prod');
  assert.equal(e.url('gpt-4o-prod'), 'https://r.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21');
  assert.equal(e.url('other'), 'https://r.openai.azure.com/openai/deployments/other/chat/completions?api-version=2024-10-21');
  assert.equal(parse('https://r.openai.azure.com/openai/deployments/d1').url('d1'), `https://r.openai.azure.com/openai/deployments/d1/chat/completions?api-version=${V}`);
});

test('full Responses URL: the Responses API, api-version from the URL or the setting', () => {
  const e = parse('https://r.openai.azure.com/openai/responses?api-version=2025-03-01-preview');
  assert.equal(e.api, 'openai-responses');
  assert.equal(e.url('gpt-5'), 'https://r.openai.azure.com/openai/responses?api-version=2025-03-01-preview');
  assert.equal(parse('https://r.cognitiveservices.azure.com/openai/responses').url('x'), `https://r.cognitiveservices.azure.com/openai/responses?api-version=${V}`);
});

test('v1 GA API: /openai/v1 base → Responses; explicit /responses or /chat/completions as given, no api-version added', () => {
  const base = parse('https://r.openai.azure.com/openai/v1/');
  assert.equal(base.api, 'openai-responses');
  assert.equal(base.url('gpt-5-mini'), 'https://r.openai.azure.com/openai/v1/responses');
  assert.equal(parse('https://r.openai.azure.com/openai/v1?api-version=preview').url('x'), 'https://r.openai.azure.com/openai/v1/responses?api-version=preview');
  const responses = parse('https://r.openai.azure.com/openai/v1/responses');
  assert.equal(responses.api, 'openai-responses');
  assert.equal(responses.url('x'), 'https://r.openai.azure.com/openai/v1/responses');
  const chat = parse('https://r.openai.azure.com/openai/v1/chat/completions');
  assert.equal(chat.api, 'openai-chat');
  assert.equal(chat.url('x'), 'https://r.openai.azure.com/openai/v1/chat/completions');
});

test('a gateway in front of Azure: its path prefix is kept', () => {
  assert.equal(parse('https://apim.example.com/ai/openai/responses?api-version=2025-04-01-preview').url('d'), 'https://apim.example.com/ai/openai/responses?api-version=2025-04-01-preview');
  assert.equal(parse('https://apim.example.com/ai').url('d'), `https://apim.example.com/ai/openai/deployments/d/chat/completions?api-version=${V}`);
  assert.equal(parse('https://apim.example.com/llm/chat/completions?x=1').api, 'openai-chat');
  assert.equal(parse('http://127.0.0.1:9/openai/deployments/d/chat/completions?api-version=1&foo=bar').url('e'), 'http://127.0.0.1:9/openai/deployments/e/chat/completions?api-version=1&foo=bar');
});
