/**
 * An OpenAI model that rejects an optional parameter Lynkr sends (gpt-4o and
 * `reasoning_effort`, which every Claude Code request implies) still answers: Lynkr drops
 * the parameter, retries once, and sends the next request without it straight away.
 */
import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../../support/lynkr.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';

test('a rejected reasoning_effort is dropped, retried once and remembered', async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-chat',
    apiKey: 'sk-4o',
    script: (req) =>
      (req.body as Record<string, unknown>).reasoning_effort !== undefined
        ? {
            error: {
              status: 400,
              body: {
                error: {
                  message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
                  type: 'invalid_request_error',
                  param: 'reasoning_effort',
                  code: 'unsupported_parameter',
                },
              },
            },
          }
        : { text: 'fine without it' },
  });
  try {
    await withLynkr({ MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-4o', OPENAI_ENDPOINT: `${upstream.url}/v1`, PROMPT_CACHE_ENABLED: 'false' }, async (url) => {
      // Claude Code's own shape: adaptive thinking plus output_config.effort.
      const ask = async (content: string) => {
        const res = await fetch(`${url}/v1/messages?beta=true`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': 'dummy', 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({
            model: 'claude-sonnet-4-5',
            max_tokens: 32000,
            thinking: { type: 'adaptive' },
            output_config: { effort: 'high' },
            messages: [{ role: 'user', content }],
          }),
        });
        assert.equal(res.status, 200);
        return (await res.json()) as Anthropic.Message;
      };
      const first = await ask('one');
      assert.equal((first.content.find((b) => b.type === 'text') as Anthropic.TextBlock).text, 'fine without it');
      const second = await ask('two');
      assert.equal(second.stop_reason, 'end_turn');
      const bodies = upstream.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as Record<string, unknown>);
      assert.equal(bodies.length, 3, 'one rejected call, its retry, then the second request right first time');
      assert.ok(bodies[0].reasoning_effort !== undefined);
      assert.equal(bodies[1].reasoning_effort, undefined);
      assert.equal(bodies[2].reasoning_effort, undefined);
    });
  } finally {
    await upstream.close();
  }
});

test('any other 400 reaches the client unchanged, without a retry', async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-chat',
    apiKey: 'sk-x',
    script: () => ({ error: { status: 400, body: { error: { message: 'Invalid schema for function f', type: 'invalid_request_error', param: 'tools', code: null } } } }),
  });
  try {
    await withLynkr({ MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-x', OPENAI_ENDPOINT: `${upstream.url}/v1` }, async (url) => {
      const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }) });
      assert.equal(res.status, 400);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /Invalid schema for function f/);
      assert.equal(upstream.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 1);
    });
  } finally {
    await upstream.close();
  }
});
