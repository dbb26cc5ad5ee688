import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThinkTagSplitter, type ThinkSegment } from '../../../src/dialects/shared/think-tag-splitter.js';

/** Runs the splitter over `chunks` and merges adjacent segments of one kind. */
function run(chunks: string[]): ThinkSegment[] {
  const s = new ThinkTagSplitter();
  const segs = [...chunks.flatMap((c) => s.push(c)), ...s.flush()];
  const merged: ThinkSegment[] = [];
  for (const seg of segs) {
    assert.ok(seg.text.length > 0, 'no empty segments');
    const last = merged.at(-1);
    if (last?.kind === seg.kind) last.text += seg.text;
    else merged.push({ ...seg });
  }
  return merged;
}

const CASES: Array<[input: string, expected: ThinkSegment[]]> = [
  ['<think>plan it</think>\n\nThe answer.', [{ kind: 'reasoning', text: 'plan it' }, { kind: 'text', text: 'The answer.' }]],
  ['\n <think>x</think>y', [{ kind: 'reasoning', text: 'x' }, { kind: 'text', text: 'y' }]],
  ['<think>a </thin b</think>c', [{ kind: 'reasoning', text: 'a </thin b' }, { kind: 'text', text: 'c' }]],
  ['<think></think>only text', [{ kind: 'text', text: 'only text' }]],
  ['<think>never closed', [{ kind: 'reasoning', text: 'never closed' }]],
  ['Plain answer with <think>inside</think>', [{ kind: 'text', text: 'Plain answer with <think>inside</think>' }]],
  ['<thinking>not the tag', [{ kind: 'text', text: '<thinking>not the tag' }]],
  ['<thi', [{ kind: 'text', text: '<thi' }]],
  ['  ', [{ kind: 'text', text: '  ' }]],
  ['<think>r</think>   ', [{ kind: 'reasoning', text: 'r' }]],
];

test('ThinkTagSplitter: whole input', () => {
  for (const [input, expected] of CASES) assert.deepEqual(run([input]), expected, JSON.stringify(input));
});

test('ThinkTagSplitter: split at every character position', () => {
  for (const [input, expected] of CASES) {
    for (let i = 0; i <= input.length; i++) {
      assert.deepEqual(run([input.slice(0, i), input.slice(i)]), expected, `${JSON.stringify(input)} split at ${i}`);
    }
  }
});

test('ThinkTagSplitter: split at every pair of positions and one character at a time', () => {
  for (const [input, expected] of CASES) {
    for (let i = 0; i <= input.length; i++) {
      for (let j = i; j <= input.length; j++) {
        const chunks = [input.slice(0, i), input.slice(i, j), input.slice(j)];
        assert.deepEqual(run(chunks), expected, `${JSON.stringify(input)} split at ${i},${j}`);
      }
    }
    assert.deepEqual(run([...input]), expected, `${JSON.stringify(input)} char by char`);
  }
});

test('ThinkTagSplitter: text that does not start with <think> passes through at once', () => {
  const s = new ThinkTagSplitter();
  assert.deepEqual(s.push('Hello'), [{ kind: 'text', text: 'Hello' }]);
  assert.deepEqual(s.push(' <think>'), [{ kind: 'text', text: ' <think>' }]);
  assert.deepEqual(s.flush(), []);
});

test('ThinkTagSplitter: holds back only a possible tag', () => {
  const s = new ThinkTagSplitter();
  assert.deepEqual(s.push('<thi'), []);
  assert.deepEqual(s.push('nk>abc</th'), [{ kind: 'reasoning', text: 'abc' }]);
  assert.deepEqual(s.push('ink>ok'), [{ kind: 'text', text: 'ok' }]);
});
