/**
 * The chat ingress encoders checked by the real `openai` SDK (v6): a node:http server on
 * 127.0.0.1:0 serves what the encoders produce, and the SDK parses it exactly as Cursor,
 * Continue or any OpenAI SDK client would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { RESPONSE, TOOL_STREAM, chatCtx } from './ingress-fixtures.js';
import { replay } from './support.js';

type Handler = (body: Record<string, unknown>, res: ServerResponse) => Promise<void>;

/** Starts a server for one test; returns an SDK client pointed at it and a closer. */
async function serve(handler: Handler): Promise<{ client: OpenAI; close: () => Promise<void>; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      bodies.push(body);
      handler(body, res).catch((err: unknown) => res.destroy(err as Error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new OpenAI({ apiKey: 'test-key', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { client, close, bodies };
}

function streamHandler(events: IrStreamEvent[]): Handler {
  return async (body, res) => {
    const request = openaiChatCodec.decodeRequest(body);
    const ctx = { ...chatCtx(), request };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for await (const text of openaiChatCodec.encodeStream(replay(events), ctx)) res.write(text);
    res.end();
  };
}

test('openai SDK: streamed text, tool calls and usage parse', async () => {
  const { client, close, bodies } = await serve(streamHandler(TOOL_STREAM));
  try {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined | null;
    const calls = new Map<number, { id?: string; name?: string; args: string }>();
    for await (const chunk of stream) {
      assert.equal(chunk.model, 'gpt-4o');
      assert.equal(chunk.id, 'chatcmpl-lynkr1');
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      text += choice.delta.content ?? '';
      for (const tc of choice.delta.tool_calls ?? []) {
        const c = calls.get(tc.index) ?? { args: '' };
        c.id ??= tc.id;
        c.name ??= tc.function?.name;
        c.args += tc.function?.arguments ?? '';
        calls.set(tc.index, c);
      }
      finish = choice.finish_reason ?? finish;
    }
    assert.equal((bodies[0] as { stream: boolean }).stream, true);
    assert.equal(text, 'Hello');
    assert.equal(finish, 'tool_calls');
    assert.deepEqual([...calls.entries()], [
      [0, { id: 'call_a', name: 'get_weather', args: '{"city":"Paris"}' }],
      [1, { id: 'call_b', name: 'apply_patch', args: '{"input":"*** Begin \\"Patch\\"\\n*** End Patch"}' }],
    ]);
    assert.deepEqual(usage, {
      prompt_tokens: 30,
      completion_tokens: 12,
      total_tokens: 42,
      prompt_tokens_details: { cached_tokens: 8 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });
  } finally {
    await close();
  }
});

test('openai SDK: the stream helper accumulates our chunks into a final completion', async () => {
  const { client, close } = await serve(streamHandler(TOOL_STREAM));
  try {
    const runner = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream_options: { include_usage: true },
    });
    const final = await runner.finalChatCompletion();
    const message = final.choices[0].message;
    assert.equal(message.content, 'Hello');
    assert.deepEqual(message.tool_calls?.map((c) => c.type === 'function' && [c.id, c.function.name, JSON.parse(c.function.arguments)]), [
      ['call_a', 'get_weather', { city: 'Paris' }],
      ['call_b', 'apply_patch', { input: '*** Begin "Patch"\n*** End Patch' }],
    ]);
    assert.equal(final.choices[0].finish_reason, 'tool_calls');
    assert.equal(final.usage?.total_tokens, 42);
  } finally {
    await close();
  }
});

test('openai SDK: an error mid-stream surfaces as an APIError', async () => {
  const events: IrStreamEvent[] = [
    { type: 'start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'partial' },
    { type: 'error', error: new LynkrError('upstream_error', 'upstream connection reset') },
  ];
  const { client, close } = await serve(streamHandler(events));
  try {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
      (err: unknown) => err instanceof OpenAI.APIError && /upstream connection reset/.test(err.message),
    );
    assert.equal(text, 'partial');
  } finally {
    await close();
  }
});

test('openai SDK: non-streaming completion parses', async () => {
  const { client, close } = await serve(async (body, res) => {
    const request = openaiChatCodec.decodeRequest(body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(openaiChatCodec.encodeResponse(RESPONSE, { ...chatCtx(), request })));
  });
  try {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(completion.id, 'chatcmpl-lynkr1');
    assert.equal(completion.model, 'gpt-4o');
    assert.equal(completion.choices[0].message.content, 'Hello');
    assert.equal(completion.choices[0].finish_reason, 'tool_calls');
    const calls = completion.choices[0].message.tool_calls ?? [];
    assert.equal(calls.length, 2);
    assert.equal(calls[0].type === 'function' && calls[0].function.arguments, '{"city":"Paris"}');
    assert.equal(completion.usage?.prompt_tokens_details?.cached_tokens, 8);
  } finally {
    await close();
  }
});

test('openai SDK: an encoded HTTP error becomes the matching SDK error', async () => {
  const { client, close } = await serve(async (_body, res) => {
    const e = openaiChatCodec.encodeError(new LynkrError('model_not_found', 'model "nope" not found'));
    res.writeHead(e.status, { 'content-type': 'application/json', ...e.headers });
    res.end(JSON.stringify(e.body));
  });
  try {
    await assert.rejects(
      client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
      (err: unknown) => err instanceof OpenAI.NotFoundError && err.code === 'model_not_found',
    );
  } finally {
    await close();
  }
});
