import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clearToolResults } from '../../../src/pipeline/optimize/clear-tool-results.js';
import { resultTexts, sessionRequest } from './session.js';

// Results of 2,000 characters (plus an 18-character first line); a batch is cleared once it reaches 4,000.
const options = { keep: 2, clearAtLeastChars: 4000, minChars: 600 };
const isPlaceholder = (text: string) => text.startsWith('[Lynkr cleared this tool result');
const clearedCount = (rounds: number, o = options) => resultTexts(clearToolResults(sessionRequest({ rounds }), o).req).filter(isPlaceholder).length;

test('the most recent results stay; older ones become a placeholder naming the call and the size', () => {
  const req = sessionRequest({ rounds: 6 });
  const { req: out, cleared } = clearToolResults(req, options);
  assert.equal(cleared, 4);
  const texts = resultTexts(out);
  assert.deepEqual(texts.map(isPlaceholder), [true, true, true, true, false, false]);
  assert.equal(texts[5], resultTexts(req)[5]);
  assert.ok(texts[0].includes(`${resultTexts(req)[0].length} characters of output from \`exec_command {"cmd":"step 0"}\``), texts[0]);
  assert.match(texts[0], /2 most recent tool results are kept in full; run the tool again/);
  assert.ok(!isPlaceholder(resultTexts(req)[0]), 'the input request is not changed');
});

test('results are cleared in batches of at least clearAtLeastChars: the prefix is stable between two jumps', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => clearedCount(n)), [0, 0, 0, 2, 2, 4, 4, 6]);
  assert.deepEqual([2, 4, 6, 8, 10].map((n) => clearedCount(n, { ...options, clearAtLeastChars: 6000 })), [0, 0, 3, 6, 6], 'bigger batches, rarer jumps');
  // Between two jumps a request's history is the previous request's history plus the new turn.
  const five = clearToolResults(sessionRequest({ rounds: 5 }), options).req.messages;
  const six = clearToolResults(sessionRequest({ rounds: 6 }), options).req.messages;
  const seven = clearToolResults(sessionRequest({ rounds: 7 }), options).req.messages;
  assert.deepEqual(seven.slice(0, six.length), six, 'round 7 extends round 6');
  assert.notDeepEqual(six.slice(0, five.length), five, 'round 6 moved the boundary');
});

test('short results are never worth a placeholder and do not count toward a batch', () => {
  const small = sessionRequest({ rounds: 8, outputChars: 100 });
  const { req, cleared } = clearToolResults(small, options);
  assert.equal(cleared, 0);
  assert.equal(req, small, 'nothing to clear: the same request');
  const mixed = sessionRequest({ rounds: 6, output: (r) => (r === 1 ? 'ok' : 'x'.repeat(2000)) });
  assert.deepEqual(resultTexts(clearToolResults(mixed, options).req).map(isPlaceholder), [true, false, true, false, false, false], 'the short one neither cleared nor counted');
});
