/** parseModelRef / parseModelMap: the `provider:model` spelling shared with the router. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModelMap, parseModelRef } from '../../../src/config/model-ref.js';

test('parseModelRef splits at the first separator when the prefix is a provider', () => {
  assert.deepEqual(parseModelRef('ollama:qwen2.5-coder:7b'), { provider: 'ollama', model: 'qwen2.5-coder:7b' });
  assert.deepEqual(parseModelRef('openrouter/openai/gpt-4o-mini'), { provider: 'openrouter', model: 'openai/gpt-4o-mini' });
  assert.deepEqual(parseModelRef('Azure-OpenAI:gpt-4o'), { provider: 'azure-openai', model: 'gpt-4o' });
  assert.equal(parseModelRef('qwen2.5-coder:7b'), undefined);
  assert.equal(parseModelRef('gpt-4o'), undefined);
  assert.equal(parseModelRef('ollama:'), undefined);
  assert.equal(parseModelRef(':model'), undefined);
});

test('parseModelMap reports every bad entry', () => {
  const result = parseModelMap('a=ollama:x, b, c=nope:y, a=ollama:z');
  assert.equal(result.ok, false);
  assert.equal(result.ok ? 0 : result.errors.length, 3);
});

test('parseModelMap keeps a client model called __proto__ as data', () => {
  const result = parseModelMap('__proto__=ollama:x');
  assert.ok(result.ok);
  assert.equal(Object.getPrototypeOf(result.map), Object.prototype);
  assert.equal(Object.hasOwn(result.map, '__proto__'), true);
});
