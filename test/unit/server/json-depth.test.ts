import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { exceedsJsonDepth } from '../../../src/server/json-depth.js';

const nest = (n: number, inner = '1') => '['.repeat(n) + inner + ']'.repeat(n);
const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value as object).map(depthOf)) : 0;

test('nesting past the limit is caught, at the limit it is not', () => {
  assert.equal(exceedsJsonDepth(Buffer.from(nest(512))), false);
  assert.equal(exceedsJsonDepth(Buffer.from(nest(513))), true);
  assert.equal(exceedsJsonDepth(Buffer.from(`{"a":${nest(600)}}`)), true);
  assert.equal(exceedsJsonDepth(new Uint8Array(Buffer.from(nest(513)))), true, 'a plain Uint8Array too');
});

test('brackets and escaped quotes inside strings do not count', () => {
  const deepText = JSON.stringify({ text: nest(2000, '"x"'), quoted: 'a \\" [[[ \\\\', path: 'C:\\\\dir\\\\' });
  assert.equal(exceedsJsonDepth(Buffer.from(deepText)), false);
  assert.equal(exceedsJsonDepth(Buffer.from(JSON.stringify({ s: 'ends with a backslash \\', deep: JSON.parse(nest(520)) }))), true);
});

test('agrees with the real depth of any JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 12 }), (value, limit) => {
      assert.equal(exceedsJsonDepth(Buffer.from(JSON.stringify(value)), limit), depthOf(value) > limit);
    }),
    { numRuns: 500 },
  );
});
