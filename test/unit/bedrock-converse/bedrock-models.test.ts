/**
 * Model-id rules: which ids are Claude (thinking, cache points) and how many output tokens each
 * family takes; the URL a model id becomes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isClaudeModel, supportsCachePoints, supportsThinking } from '../../../src/dialects/bedrock-converse/index.js';
import { bedrockBaseUrl, converseStreamUrl } from '../../../src/providers/bedrock/bedrock-endpoint.js';
import { maxOutputTokensFor } from '../../../src/providers/bedrock/output-limits.js';

test('Claude ids in every form: base model, inference profile, ARN; application profiles name no family', () => {
  const claude = [
    'anthropic.claude-3-5-sonnet-20241022-v2:0',
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-haiku-4-5-20251001-v1:0',
    'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
    'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-opus-4-1-20250805-v1:0',
  ];
  for (const id of claude) assert.ok(isClaudeModel(id), id);
  for (const id of ['us.meta.llama3-3-70b-instruct-v1:0', 'amazon.nova-pro-v1:0', 'arn:aws:bedrock:us-east-1:123:application-inference-profile/abc123']) {
    assert.ok(!isClaudeModel(id), id);
  }
});

test('thinking from Claude 3.7 on; prompt caching from Claude 3.5 Haiku and 3.7 on', () => {
  const table: Array<[string, boolean, boolean]> = [
    ['anthropic.claude-3-haiku-20240307-v1:0', false, false],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', false, false],
    ['us.anthropic.claude-3-5-haiku-20241022-v1:0', false, true],
    ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', true, true],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', true, true],
    ['global.anthropic.claude-opus-4-5-20251101-v1:0', true, true],
    ['us.meta.llama3-3-70b-instruct-v1:0', false, false],
  ];
  for (const [id, thinking, cache] of table) {
    assert.equal(supportsThinking(id), thinking, `${id} thinking`);
    assert.equal(supportsCachePoints(id), cache, `${id} cache points`);
  }
});

test('output limits per family: Claude Code asks 32000, which Claude 3.5 Sonnet v2 would reject', () => {
  assert.equal(maxOutputTokensFor('anthropic.claude-3-5-sonnet-20241022-v2:0'), 8192);
  assert.equal(maxOutputTokensFor('anthropic.claude-3-haiku-20240307-v1:0'), 4096);
  assert.equal(maxOutputTokensFor('us.anthropic.claude-opus-4-1-20250805-v1:0'), 32_000);
  assert.equal(maxOutputTokensFor('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), 64_000);
  assert.equal(maxOutputTokensFor('us.anthropic.claude-3-7-sonnet-20250219-v1:0'), 64_000);
  assert.equal(maxOutputTokensFor('us.meta.llama3-3-70b-instruct-v1:0'), 2048);
  assert.equal(maxOutputTokensFor('amazon.nova-pro-v1:0'), 5000);
  assert.equal(maxOutputTokensFor('mistral.mistral-large-2407-v1:0'), 8192);
});

test('URLs: regional default or the override; the model id is one percent-encoded path segment', () => {
  assert.equal(bedrockBaseUrl({ region: 'eu-central-1' }), 'https://bedrock-runtime.eu-central-1.amazonaws.com');
  assert.equal(bedrockBaseUrl({ region: 'x', endpoint: 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/' }), 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com');
  assert.equal(
    converseStreamUrl('https://b', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0'),
    'https://b/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse-stream',
  );
  assert.equal(
    converseStreamUrl('https://b', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
    'https://b/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream',
  );
});
