/** redactConfig / redactSecrets / listSecrets: nothing secret reaches a log line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SECRET_ENV_NAMES,
  listSecrets,
  loadConfig,
  redactConfig,
  redactSecrets,
  redactUrl,
} from '../../../src/config/index.js';

const ENV = {
  MODEL_PROVIDER: 'openai',
  OPENAI_API_KEY: 'sk-openai-1111',
  ANTHROPIC_API_KEY: 'sk-ant-2222',
  AZURE_OPENAI_API_KEY: 'azure-3333',
  AWS_BEDROCK_API_KEY: 'bedrock-4444',
  DATABRICKS_API_KEY: 'dapi-5555',
  LLAMACPP_API_KEY: 'llama-6666',
  LYNKR_API_KEYS: 'client-7777,client-8888',
  REDIS_URL: 'redis://:redis-pass-9999@cache:6379',
  OLLAMA_ENDPOINT: 'https://ollama-user:ollama-pass-0000@ollama.example',
};
const SECRETS = Object.values(ENV).flatMap((v) => v.match(/[a-z-]+-\d{4}/g) ?? []).filter((s) => s !== 'openai');

test('redactConfig hides every key, token and URL password', () => {
  const config = loadConfig(ENV, { dotenvPath: false });
  const safe = redactConfig(config);
  const text = JSON.stringify(safe);
  for (const secret of SECRETS) assert.ok(!text.includes(secret), secret);
  assert.equal(safe.providers.openai.apiKey, '***');
  assert.equal(safe.providers.anthropic.apiKey, '***');
  assert.deepEqual(safe.server.apiKeys, ['***', '***']);
  assert.equal(safe.redisUrl, 'redis://:***@cache:6379');
  assert.equal(safe.providers.ollama.endpoint, 'https://ollama-user:***@ollama.example/');
  // Everything else is intact, and the live config is untouched.
  assert.equal(safe.providers.openai.model, 'gpt-4o');
  assert.equal(safe.server.port, 8081);
  assert.equal(config.providers.openai.apiKey, 'sk-openai-1111');
});

test('listSecrets finds every configured secret value', () => {
  const secrets = listSecrets(loadConfig(ENV, { dotenvPath: false }));
  for (const secret of ['sk-openai-1111', 'client-7777', 'client-8888', 'redis-pass-9999', 'ollama-pass-0000', 'dapi-5555']) {
    assert.ok(secrets.includes(secret), secret);
  }
});

test('redactSecrets replaces every occurrence, longest secret first', () => {
  assert.equal(redactSecrets('key sk-abc123 then sk-abc123 again', ['sk-abc123']), 'key *** then *** again');
  assert.equal(redactSecrets('token sk-abc123-extended', ['sk-abc123', 'sk-abc123-extended']), 'token ***');
  assert.equal(redactSecrets('nothing here', ['sk-abc123', '']), 'nothing here');
  // A one-letter "secret" would shred ordinary text and protects nothing.
  assert.equal(redactSecrets('a cat', ['a']), 'a cat');
});

test('redactUrl hides the password, or the user name when it is the token', () => {
  assert.equal(redactUrl('redis://:pw-1234@h:6379'), 'redis://:***@h:6379');
  assert.equal(redactUrl('https://token-1234@h/x'), 'https://***@h/x');
  assert.equal(redactUrl('https://h/x'), 'https://h/x');
  assert.equal(redactUrl('not a url'), 'not a url');
});

test('SECRET_ENV_NAMES lists every credential variable', () => {
  for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'LYNKR_API_KEYS', 'AWS_BEDROCK_API_KEY', 'REDIS_URL']) {
    assert.ok((SECRET_ENV_NAMES as readonly string[]).includes(name), name);
  }
});
