import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ToolCallAccumulator, type ToolCallFragment } from '../../../src/dialects/shared/tool-call-accumulator.js';

function counterIds(): () => string {
  let n = 0;
  return () => `call_gen${++n}`;
}

function accumulate(fragments: ToolCallFragment[]) {
  const acc = new ToolCallAccumulator(counterIds());
  for (const f of fragments) acc.add(f);
  return acc.finish();
}

/** Splits `args` into two argument fragments at `i` (dropping an empty piece). */
function split(args: string, i: number, base: Omit<ToolCallFragment, 'arguments'>): ToolCallFragment[] {
  const pieces = [args.slice(0, i), args.slice(i)].filter((p) => p.length > 0);
  return pieces.length === 0 ? [{ ...base, arguments: '' }] : pieces.map((p, k) => (k === 0 ? { ...base, arguments: p } : { index: base.index, arguments: p }));
}

test('ToolCallAccumulator: OpenAI fragments by index, split at every character', () => {
  const a = '{"location": "Paris", "unit": "c"}';
  const b = '{"location": "Tokyo"}';
  for (let i = 0; i <= a.length; i++) {
    for (let j = 0; j <= b.length; j++) {
      const calls = accumulate([
        { index: 0, id: 'call_a', name: 'get_weather', arguments: '' },
        ...split(a, i, { index: 0 }),
        { index: 1, id: 'call_b', name: 'get_weather', arguments: '' },
        ...split(b, j, { index: 1 }),
      ]);
      assert.deepEqual(calls, [
        { id: 'call_a', name: 'get_weather', arguments: a },
        { id: 'call_b', name: 'get_weather', arguments: b },
      ]);
    }
  }
});

test('ToolCallAccumulator: interleaved fragments of parallel calls come out whole, in index order', () => {
  const calls = accumulate([
    { index: 1, id: 'call_b', name: 'two', arguments: '{"b"' },
    { index: 0, id: 'call_a', name: 'one', arguments: '{"a"' },
    { index: 1, arguments: ':2}' },
    { index: 0, arguments: ':1}' },
  ]);
  assert.deepEqual(calls, [
    { id: 'call_a', name: 'one', arguments: '{"a":1}' },
    { id: 'call_b', name: 'two', arguments: '{"b":2}' },
  ]);
});

test('ToolCallAccumulator: every call at index 0 with new ids (Ollama compat), full arguments first', () => {
  const calls = accumulate([
    { index: 0, id: 'call_1', name: 'run', arguments: '{"command":"ls"}' },
    { index: 0, id: 'call_2', name: 'run', arguments: '{"command":"ls -l"}' },
  ]);
  assert.deepEqual(calls, [
    { id: 'call_1', name: 'run', arguments: '{"command":"ls"}' },
    { id: 'call_2', name: 'run', arguments: '{"command":"ls -l"}' },
  ]);
});

test('ToolCallAccumulator: same index, different name starts a new call', () => {
  const calls = accumulate([
    { index: 0, name: 'a', arguments: '{}' },
    { index: 0, name: 'b', arguments: '{"x":1}' },
  ]);
  assert.deepEqual(calls, [
    { id: 'call_gen1', name: 'a', arguments: '{}' },
    { id: 'call_gen2', name: 'b', arguments: '{"x":1}' },
  ]);
});

test('ToolCallAccumulator: no index, split at every character, continues the last call', () => {
  const a = '{"path":"src/a.ts"}';
  for (let i = 0; i <= a.length; i++) {
    const calls = accumulate([{ id: 'call_x', name: 'read' }, ...split(a, i, {})]);
    assert.deepEqual(calls, [{ id: 'call_x', name: 'read', arguments: a }], `split at ${i}`);
  }
});

test('ToolCallAccumulator: no index, no ids, same tool twice: complete JSON starts the next call', () => {
  const calls = accumulate([
    { name: 'read', arguments: '{"path":"a"}' },
    { name: 'read', arguments: '{"path":"b"}' },
  ]);
  assert.deepEqual(calls, [
    { id: 'call_gen1', name: 'read', arguments: '{"path":"a"}' },
    { id: 'call_gen2', name: 'read', arguments: '{"path":"b"}' },
  ]);
});

test('ToolCallAccumulator: a repeated name while the arguments are incomplete continues the call', () => {
  const calls = accumulate([
    { index: 0, id: 'call_1', name: 'read', arguments: '{"pa' },
    { index: 0, name: 'read', arguments: 'th":"a"}' },
  ]);
  assert.deepEqual(calls, [{ id: 'call_1', name: 'read', arguments: '{"path":"a"}' }]);
});

test('ToolCallAccumulator: missing ids are synthesized, empty arguments become {}, empty fragments dropped', () => {
  const acc = new ToolCallAccumulator();
  acc.add({ index: 0, name: 'get_goal' });
  acc.add({ index: 1, arguments: '' });
  const calls = acc.finish();
  assert.equal(calls.length, 1);
  assert.match(calls[0].id, /^call_[0-9a-f]{24}$/);
  assert.deepEqual({ ...calls[0], id: 'x' }, { id: 'x', name: 'get_goal', arguments: '{}' });
});
