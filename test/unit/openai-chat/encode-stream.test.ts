import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { RESPONSE, TOOL_STREAM, chatCtx } from './ingress-fixtures.js';
import { collect, replay } from './support.js';

function frames(sse: string): unknown[] {
  assert.ok(sse.endsWith('\n\n'));
  return sse
    .split('\n\n')
    .filter((f) => f.length > 0)
    .map((f) => (f.startsWith('data: ') ? (f === 'data: [DONE]' ? '[DONE]' : JSON.parse(f.slice(6))) : f));
}

test('encodeStream: text, reasoning, tool calls with their own index, finish, usage chunk, [DONE]', async () => {
  const out = frames((await collect(openaiChatCodec.encodeStream(replay(TOOL_STREAM), chatCtx()))).join(''));
  const base = { id: 'chatcmpl-lynkr1', object: 'chat.completion.chunk', created: 1764072000, model: 'gpt-4o' };
  const chunk = (delta: unknown, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  assert.deepEqual(out, [
    chunk({ role: 'assistant', content: '' }),
    chunk({ reasoning_content: 'Think.' }),
    chunk({ content: 'Hel' }),
    ': keepalive',
    chunk({ content: 'lo' }),
    chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
    chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'apply_patch', arguments: '' } }] }),
    chunk({ tool_calls: [{ index: 1, function: { arguments: '{"input":"' } }] }),
    chunk({ tool_calls: [{ index: 1, function: { arguments: '*** Begin \\"Patch\\"\\n' } }] }),
    chunk({ tool_calls: [{ index: 1, function: { arguments: '*** End Patch' } }] }),
    chunk({ tool_calls: [{ index: 1, function: { arguments: '"}' } }] }),
    chunk({}, 'tool_calls'),
    { ...base, choices: [], usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42, prompt_tokens_details: { cached_tokens: 8 }, completion_tokens_details: { reasoning_tokens: 4 } } },
    '[DONE]',
  ]);
  // The custom call's fragments join into valid JSON carrying the raw input.
  const customArgs = out
    .flatMap((c) => ((c as any).choices?.[0]?.delta?.tool_calls ?? []) as any[])
    .filter((tc) => tc.index === 1)
    .map((tc) => tc.function.arguments)
    .join('');
  assert.deepEqual(JSON.parse(customArgs), { input: '*** Begin "Patch"\n*** End Patch' });
});

test('encodeStream: no usage chunk without include_usage; finish reasons map', async () => {
  const events: IrStreamEvent[] = [{ type: 'start' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'x' }, { type: 'text-end', id: 't' }, { type: 'finish', reason: 'length' }];
  const out = frames((await collect(openaiChatCodec.encodeStream(replay(events), chatCtx(false)))).join(''));
  assert.equal(out.length, 4);
  assert.equal((out[2] as any).choices[0].finish_reason, 'length');
  assert.equal(out[3], '[DONE]');
});

test('encodeStream: an error mid-stream → error chunk and no [DONE]', async () => {
  const events: IrStreamEvent[] = [
    { type: 'start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'partial' },
    { type: 'error', error: new LynkrError('rate_limited', 'Slow down') },
    { type: 'finish', reason: 'stop' },
  ];
  const text = (await collect(openaiChatCodec.encodeStream(replay(events), chatCtx()))).join('');
  const out = frames(text);
  assert.deepEqual(out.at(-1), { error: { message: 'Slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' } });
  assert.equal(text.includes('[DONE]'), false);
});

test('encodeStream: input that ends without finish → error chunk, no [DONE]', async () => {
  const events: IrStreamEvent[] = [{ type: 'start' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'cut' }];
  const out = frames((await collect(openaiChatCodec.encodeStream(replay(events), chatCtx()))).join(''));
  assert.deepEqual((out.at(-1) as any).error.type, 'server_error');
  assert.equal(out.includes('[DONE]'), false);
});

test('encodeResponse: chat.completion with reasoning, tool calls and usage; requested model reported', () => {
  assert.deepEqual(openaiChatCodec.encodeResponse(RESPONSE, chatCtx()), {
    id: 'chatcmpl-lynkr1',
    object: 'chat.completion',
    created: 1764072000,
    model: 'gpt-4o',
    choices: [{
      index: 0,
      message: {
        role: 'assistant',
        content: 'Hello',
        refusal: null,
        reasoning_content: 'Think.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'apply_patch', arguments: '{"input":"raw patch"}' } },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    }],
    usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42, prompt_tokens_details: { cached_tokens: 8 }, completion_tokens_details: { reasoning_tokens: 4 } },
  });
});

test('encodeResponse: content null with only tool calls; stop_sequence → stop; empty text → ""', () => {
  const onlyCalls = openaiChatCodec.encodeResponse({ ...RESPONSE, parts: [RESPONSE.parts[2]], finishReason: 'stop' }, chatCtx()) as any;
  assert.equal(onlyCalls.choices[0].message.content, null);
  assert.equal(onlyCalls.choices[0].finish_reason, 'tool_calls');
  const empty = openaiChatCodec.encodeResponse({ id: 'x', parts: [], finishReason: 'stop_sequence', usage: { inputTokens: 1, outputTokens: 0 } }, chatCtx()) as any;
  assert.equal(empty.choices[0].message.content, '');
  assert.equal(empty.choices[0].finish_reason, 'stop');
  assert.equal('tool_calls' in empty.choices[0].message, false);
});

test('encodeError: OpenAI error body with Retry-After', () => {
  const e = openaiChatCodec.encodeError(new LynkrError('rate_limited', 'Rate limit reached.', { retryAfterSeconds: 2 }));
  assert.equal(e.status, 429);
  assert.equal(e.headers['retry-after'], '2');
  assert.deepEqual(e.body, { error: { message: 'Rate limit reached. Please try again in 2s.', type: 'rate_limit_error', code: 'rate_limit_exceeded', param: null } });
});

test('encodeStream: each chunk is byte for byte what JSON.stringify gives for it (the constant part is serialised once per stream)', async () => {
  const ctx = { ...chatCtx(), requestedModel: 'odd "model" \\ name ü', responseId: 'chatcmpl-"quoted"' };
  const sse = (await collect(openaiChatCodec.encodeStream(replay(TOOL_STREAM), ctx))).join('');
  const lines = sse.split('\n').filter((l) => l.startsWith('data: {'));
  assert.ok(lines.length > 10);
  for (const line of lines) assert.equal(line.slice(6), JSON.stringify(JSON.parse(line.slice(6))));
  assert.ok(lines.every((l) => (JSON.parse(l.slice(6)) as { model: string }).model === 'odd "model" \\ name ü'));
});
