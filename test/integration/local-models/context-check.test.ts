/**
 * A prompt that cannot fit the model's window is refused with `context_length_exceeded` in
 * the client's dialect (wire-contract §4) before anything reaches the upstream, instead of
 * Ollama silently dropping its start. A prompt that fits goes through.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withLynkr } from '../../support/lynkr.js';
import { startMockUpstream, type MockUpstream } from '../../support/mock-upstream/index.js';
import { textScript } from '../../support/scripts.js';

type Json = Record<string, any>;

const WINDOW = 4096;
/** ≈ 6000 o200k tokens: " word" is one token. */
const BIG = 'word '.repeat(6000);

describe('context check against an Ollama model with a 4096-token window', () => {
  let upstream: MockUpstream;
  before(async () => {
    upstream = await startMockUpstream({ dialect: 'ollama', contextLength: WINDOW, script: textScript('fits') });
  });
  after(() => upstream.close());

  const post = (url: string, path: string, body: unknown) =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('each dialect gets its own context_length_exceeded, and the upstream is never called', async () => {
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
      const anthropic = await post(url, '/v1/messages?beta=true', { model: 'claude-sonnet-4-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: BIG }] });
      assert.equal(anthropic.status, 400);
      const a = (await anthropic.json()) as Json;
      assert.equal(a.type, 'error');
      assert.equal(a.error.type, 'invalid_request_error');
      // Claude Code parses exactly this wording.
      const m = /^prompt is too long: (\d+) tokens > (\d+) maximum$/.exec(a.error.message);
      assert.ok(m, a.error.message);
      assert.ok(Number(m[1]) > WINDOW && Number(m[1]) < 7000, m[1]);
      assert.equal(Number(m[2]), WINDOW);

      const responses = await post(url, '/v1/responses', { model: 'gpt-5.5', stream: true, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: BIG }] }] });
      assert.equal(responses.status, 400);
      const r = (await responses.json()) as Json;
      assert.equal(r.error.code, 'context_length_exceeded');
      assert.equal(r.error.type, 'invalid_request_error');
      assert.equal(r.error.param, 'input');

      const chat = await post(url, '/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: BIG }] });
      assert.equal(chat.status, 400);
      assert.equal(((await chat.json()) as Json).error.code, 'context_length_exceeded');

      assert.equal(upstream.turnRequests.length, 0, 'nothing was sent to /api/chat');
    });
  });

  test('a prompt that fits reaches the model', async () => {
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
      const res = await post(url, '/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'word '.repeat(3000) }] });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as Json).choices[0].message.content, 'fits');
    });
  });

  test('OLLAMA_NUM_CTX_MAX below the model window is the limit', async () => {
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_NUM_CTX: '1024', OLLAMA_NUM_CTX_MAX: '2048' }, async (url) => {
      const res = await post(url, '/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'word '.repeat(3000) }] });
      assert.equal(res.status, 400);
      assert.match(((await res.json()) as Json).error.message, /tokens > 2048 maximum$/);
    });
  });
});

test('the cheap bound that skips counting is never below the real count', async () => {
  const fc = (await import('fast-check')).default;
  const { upperBoundTokens } = await import('../../../src/pipeline/context-check.js');
  const { countRequestTokens } = await import('../../../src/pipeline/count-tokens.js');
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 6 }), fc.string({ unit: 'grapheme' }), (texts, system) => {
      const req = {
        model: 'm',
        system: [{ type: 'text' as const, text: system }],
        messages: texts.map((text, i) =>
          i % 2 === 0
            ? { role: 'user' as const, parts: [{ type: 'text' as const, text }] }
            : { role: 'assistant' as const, parts: [{ type: 'tool_call' as const, id: 'c', name: 'f', toolKind: 'function' as const, arguments: text }] },
        ),
        tools: [{ kind: 'function' as const, name: 'f', description: system, parameters: { type: 'object' } }],
        stream: true,
        extensions: {},
      };
      return upperBoundTokens(req) >= countRequestTokens(req);
    }),
    { numRuns: 300 },
  );
});
