/** encodeResponse: the non-streamed Response object (wire-contract §3.1 items, §3.2 usage). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRequest, encodeResponse, openaiResponsesCodec } from '../../../src/dialects/openai-responses/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrResponse } from '../../../src/ir/types.js';
import { makeCtx } from './helpers.js';

const base: IrResponse = { id: 'u', parts: [], finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2 } };

test('completed response echoes the requested model, request settings and raw tools', () => {
  const ctx = makeCtx();
  ctx.request = decodeRequest({
    model: 'alias',
    input: 'x',
    tools: [{ type: 'function', name: 'f' }, { type: 'web_search' }],
    temperature: 0.5,
  });
  const out = encodeResponse(
    { ...base, model: 'upstream', parts: [{ type: 'text', text: 'a' }, { type: 'opaque', dialect: 'anthropic-messages', value: {} }] },
    ctx,
  ) as Record<string, any>;
  assert.equal(out.object, 'response');
  assert.equal(out.status, 'completed');
  assert.equal(out.model, 'gpt-5.5');
  assert.equal(out.output_text, 'a');
  assert.equal(out.output.length, 1, 'other dialects\u2019 opaque parts are dropped');
  assert.equal(out.error, null);
  assert.equal(out.incomplete_details, null);
  assert.equal(out.temperature, 0.5);
  assert.equal(out.top_p, null);
  assert.deepEqual(out.tools, [{ type: 'function', name: 'f' }, { type: 'web_search' }]);
  assert.deepEqual(out.metadata, {});
  assert.deepEqual(out.usage, {
    input_tokens: 3,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 2,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 5,
  });
});

test('length → incomplete; reasoning summary kept distinct from its text; Responses opaque items pass through', () => {
  const out = encodeResponse(
    {
      ...base,
      finishReason: 'length',
      parts: [
        { type: 'reasoning', text: 'long raw', summary: 'short', encrypted: { dialect: 'openai-responses', value: 'gAAA' } },
        { type: 'opaque', dialect: 'openai-responses', value: { type: 'compaction', encrypted_content: 'c' } },
      ],
    },
    makeCtx(),
  ) as Record<string, any>;
  assert.equal(out.status, 'incomplete');
  assert.deepEqual(out.incomplete_details, { reason: 'max_output_tokens' });
  assert.deepEqual(out.output[0].summary, [{ type: 'summary_text', text: 'short' }]);
  assert.deepEqual(out.output[0].content, [{ type: 'reasoning_text', text: 'long raw' }]);
  assert.equal(out.output[0].encrypted_content, 'gAAA');
  assert.deepEqual(out.output[1], { type: 'compaction', encrypted_content: 'c' });
  assert.equal(out.output_text, '');
});

test('encodeError renders the OpenAI error body with retry-after', () => {
  const e = openaiResponsesCodec.encodeError(new LynkrError('rate_limited', 'Rate limit reached.', { retryAfterSeconds: 2 }));
  assert.equal(e.status, 429);
  assert.equal(e.headers['retry-after'], '2');
  assert.deepEqual(e.body, {
    error: { message: 'Rate limit reached. Please try again in 2s.', type: 'rate_limit_error', code: 'rate_limit_exceeded', param: null },
  });
  assert.equal(openaiResponsesCodec.dialect, 'openai-responses');
});
