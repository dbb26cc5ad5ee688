import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OllamaStreamDecoder } from '../../../src/dialects/ollama/decode-stream.js';
import { ChatStreamDecoder } from '../../../src/dialects/openai-chat/decode-stream.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { NdjsonFramer } from '../../../src/pipeline/frames/ndjson.js';
import { SseJsonFramer } from '../../../src/pipeline/frames/sse.js';
import { decodeBody } from '../../../src/providers/decode-body.js';
import { eventItems } from '../../../src/ir/event-batches.js';
import { assertIrLifecycle } from '../../support/ir-lifecycle.js';

const ollamaLines = [
  { model: 'm', message: { role: 'assistant', content: 'Hel' }, done: false },
  { model: 'm', message: { role: 'assistant', content: 'lo' }, done: false },
  { model: 'm', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 5, eval_count: 2 },
];
const ndjson = ollamaLines.map((l) => `${JSON.stringify(l)}\n`).join('');

async function* chunks(text: string, size: number, then?: () => never): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  if (then) then();
}

async function all(it: AsyncIterable<IrStreamEvent>): Promise<IrStreamEvent[]> {
  const out: IrStreamEvent[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('an NDJSON body split at every byte decodes to the same events as whole', async () => {
  const whole = await all(decodeBody(chunks(ndjson, 1 << 20), new NdjsonFramer(), new OllamaStreamDecoder(), 'ollama'));
  assertIrLifecycle(whole);
  assert.equal(whole.filter((e) => e.type === 'text-delta').map((e) => (e as { delta: string }).delta).join(''), 'Hello');
  assert.deepEqual(whole.at(-1), { type: 'finish', reason: 'stop', rawReason: 'stop', usage: { inputTokens: 5, outputTokens: 2 } });
  for (const size of [1, 2, 7, 64]) {
    assert.deepEqual(await all(decodeBody(chunks(ndjson, size), new NdjsonFramer(), new OllamaStreamDecoder(), 'ollama')), whole, `size ${size}`);
  }
});

test('reading stops at the final line: bytes after it are not decoded', async () => {
  const events = await all(decodeBody(chunks(`${ndjson}{"model":"m","message":{"content":"late"},"done":false}\n`, 16), new NdjsonFramer(), new OllamaStreamDecoder(), 'ollama'));
  assert.equal(events.filter((e) => e.type === 'finish').length, 1);
  assert.ok(!events.some((e) => e.type === 'text-delta' && e.delta === 'late'));
});

test('a body cut before the final line ends with one error event after the partial text', async () => {
  const cut = ndjson.split('\n').slice(0, 2).join('\n') + '\n';
  const events = await all(decodeBody(chunks(cut, 10), new NdjsonFramer(), new OllamaStreamDecoder(), 'ollama'));
  assertIrLifecycle(events);
  assert.equal(events.at(-1)?.type, 'error');
  assert.ok(events.some((e) => e.type === 'text-delta' && e.delta === 'lo'));
});

test('a socket failure while reading becomes an upstream error event naming the provider', async () => {
  const reset = () => {
    throw Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  };
  const events = await all(decodeBody(chunks(ndjson.slice(0, 80), 40, reset), new NdjsonFramer(), new OllamaStreamDecoder(), 'ollama'));
  const last = events.at(-1);
  assert.equal(last?.type, 'error');
  assert.match((last as { error: { message: string } }).error.message, /ollama/);
});

test('an SSE chat body without a final event finishes when the body ends (the [DONE] line is dropped)', async () => {
  const sse = [
    { id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: 'Hi' } }] },
    { id: 'c1', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1 } },
  ]
    .map((p) => `data: ${JSON.stringify(p)}\n\n`)
    .join('') + 'data: [DONE]\n\n';
  const events = await all(decodeBody(chunks(sse, 5), new SseJsonFramer(), new ChatStreamDecoder(), 'openai'));
  assertIrLifecycle(events);
  assert.equal(events.at(-1)?.type, 'finish');
});

test('read in batches, each network chunk gives one batch with all the events it completed; flattened they are the per-event stream', async () => {
  const perEvent = await all(decodeBody(chunks(ndjson, 64), new NdjsonFramer(), new OllamaStreamDecoder(), 'ollama'));
  const batches: IrStreamEvent[][] = [];
  for await (const item of eventItems(decodeBody(chunks(ndjson, 64), new NdjsonFramer(), new OllamaStreamDecoder(), 'ollama'))) {
    assert.ok(Array.isArray(item), 'an upstream body hands out batches');
    batches.push(item);
  }
  assert.ok(batches.length > 1 && batches.length <= Math.ceil(Buffer.byteLength(ndjson) / 64));
  assert.ok(batches.every((b) => b.length > 0));
  assert.deepEqual(
    batches.flat().map((e) => e.type),
    perEvent.map((e) => e.type),
  );
});
