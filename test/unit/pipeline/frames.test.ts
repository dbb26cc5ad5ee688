import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ndjsonPayloads } from '../../../src/pipeline/frames/ndjson.js';
import { sseJsonPayloads } from '../../../src/pipeline/frames/sse.js';

async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('SSE payloads survive any chunk split, drop [DONE] and keep multi-byte characters', async () => {
  const text = 'event: a\ndata: {"x":"héllo ✓"}\n\n: comment\n\ndata: {"y":2}\n\ndata: [DONE]\n\n';
  for (const size of [1, 2, 3, 7, 1000]) {
    assert.deepEqual(await all(sseJsonPayloads(chunks(text, size))), [{ x: 'héllo ✓' }, { y: 2 }], `size ${size}`);
  }
});

test('SSE data that is not JSON becomes an error payload', async () => {
  const out = await all(sseJsonPayloads(chunks('data: not json\n\n', 100)));
  assert.match((out[0] as { error: { message: string } }).error.message, /not JSON/);
});

test('NDJSON lines split across chunks, with a final line lacking its newline', async () => {
  const text = '{"a":1}\n{"b":"ü"}\n\n{"c":3}';
  for (const size of [1, 2, 5, 100]) {
    assert.deepEqual(await all(ndjsonPayloads(chunks(text, size))), [{ a: 1 }, { b: 'ü' }, { c: 3 }]);
  }
});
