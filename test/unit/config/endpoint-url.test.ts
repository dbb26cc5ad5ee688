/** normalizeBaseUrl / normalizeV1Root: old full-endpoint URLs keep working. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ANTHROPIC_SUFFIXES,
  OLLAMA_SUFFIXES,
  OPENAI_SUFFIXES,
  isHttpUrl,
  normalizeBaseUrl,
  normalizeV1Root,
} from '../../../src/config/endpoint-url.js';

test('OpenAI-style endpoints lose the endpoint path and keep the /v1 root', () => {
  const cases: Array<[string, string]> = [
    ['https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1'],
    ['https://api.openai.com/v1/responses', 'https://api.openai.com/v1'],
    ['https://api.openai.com/v1/', 'https://api.openai.com/v1'],
    ['https://api.openai.com/v1', 'https://api.openai.com/v1'],
    ['https://openrouter.ai/api/v1/chat/completions', 'https://openrouter.ai/api/v1'],
    ['https://gateway.example/openai/v1/embeddings', 'https://gateway.example/openai/v1'],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeBaseUrl(input, OPENAI_SUFFIXES), expected, input);
});

test('Ollama endpoints become the server root', () => {
  for (const input of [
    'http://localhost:11434',
    'http://localhost:11434/',
    'http://localhost:11434/api/chat',
    'http://localhost:11434/api/generate',
    'http://localhost:11434/v1/chat/completions',
    'http://localhost:11434/v1',
  ]) {
    assert.equal(normalizeBaseUrl(input, OLLAMA_SUFFIXES), 'http://localhost:11434', input);
  }
  assert.equal(normalizeBaseUrl('https://proxy.example/ollama/api/chat', OLLAMA_SUFFIXES), 'https://proxy.example/ollama');
});

test('llama.cpp and LM Studio endpoints become the /v1 root, appending /v1 when missing', () => {
  const cases: Array<[string, string]> = [
    ['http://h:8080/v1/chat/completions', 'http://h:8080/v1'],
    ['http://h:8080/v1', 'http://h:8080/v1'],
    ['http://h:8080/v1/', 'http://h:8080/v1'],
    ['http://h:8080', 'http://h:8080/v1'],
    ['http://h:8080/', 'http://h:8080/v1'],
    ['http://h:8080/chat/completions', 'http://h:8080/v1'],
    ['http://h:8080/completion', 'http://h:8080/v1'],
    ['http://proxy/llama', 'http://proxy/llama/v1'],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeV1Root(input), expected, input);
});

test('Anthropic endpoints become the root without /v1', () => {
  assert.equal(normalizeBaseUrl('https://api.anthropic.com/v1/messages', ANTHROPIC_SUFFIXES), 'https://api.anthropic.com');
  assert.equal(normalizeBaseUrl('https://api.anthropic.com/', ANTHROPIC_SUFFIXES), 'https://api.anthropic.com');
  assert.equal(normalizeBaseUrl('https://api.z.ai/api/anthropic/v1/messages', ANTHROPIC_SUFFIXES), 'https://api.z.ai/api/anthropic');
});

test('suffixes match whole path segments only, and query strings and credentials survive', () => {
  assert.equal(normalizeBaseUrl('http://h/myapi', OLLAMA_SUFFIXES), 'http://h/myapi');
  assert.equal(normalizeBaseUrl('http://h/notv1', OLLAMA_SUFFIXES), 'http://h/notv1');
  assert.equal(normalizeBaseUrl('https://u:p@h/v1/chat/completions?x=1#frag', OPENAI_SUFFIXES), 'https://u:p@h/v1?x=1');
});

test('anything but an http(s) URL is refused', () => {
  for (const bad of ['localhost:11434', 'ftp://h/x', 'not a url', '']) {
    assert.equal(isHttpUrl(bad), false, bad);
    assert.throws(() => normalizeBaseUrl(bad, []), TypeError, bad);
  }
  assert.equal(isHttpUrl('http://[::1]:11434'), true);
});
