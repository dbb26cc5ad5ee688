import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, hashCanonical } from '../../../src/cache/canonical-hash.js';

test('canonical JSON sorts keys at every level and leaves undefined members out', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }, null], e: { z: true, y: 'x' } }), '{"a":[{"d":2},null],"b":1,"e":{"y":"x","z":true}}');
  assert.equal(canonicalJson([undefined, 1]), '[null,1]', 'array positions are kept, like JSON.stringify');
  assert.equal(canonicalJson('é"\n'), JSON.stringify('é"\n'));
});

test('the hash ignores key order but not array order or values', () => {
  assert.equal(hashCanonical({ a: 1, b: { c: 2, d: 3 } }), hashCanonical({ b: { d: 3, c: 2 }, a: 1 }));
  assert.notEqual(hashCanonical({ a: [1, 2] }), hashCanonical({ a: [2, 1] }));
  assert.notEqual(hashCanonical({ a: '1' }), hashCanonical({ a: 1 }));
  assert.match(hashCanonical({}), /^[0-9a-f]{64}$/);
});
