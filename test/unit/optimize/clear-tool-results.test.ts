import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clearToolResults } from '../../../src/pipeline/optimize/clear-tool-results.js';
import { resultTexts, sessionRequest } from './session.js';

const options = { keep: 2, batch: 2, minChars: 600 };
const isPlaceholder = (text: string) => text.startsWith('[Lynkr cleared this tool result');

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

test('results are cleared in batches: the boundary moves every `batch` results, so the prefix is stable in between', () => {
  const cleared = (rounds: number) => resultTexts(clearToolResults(sessionRequest({ rounds }), options).req).filter(isPlaceholder).length;
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map(cleared), [0, 0, 0, 2, 2, 4, 4, 6]);
  // Between two moves a request's history is the previous request's history plus the new turn.
  const five = clearToolResults(sessionRequest({ rounds: 5 }), options).req.messages;
  const six = clearToolResults(sessionRequest({ rounds: 6 }), options).req.messages;
  const seven = clearToolResults(sessionRequest({ rounds: 7 }), options).req.messages;
  assert.deepEqual(seven.slice(0, six.length), six, 'round 7 extends round 6');
  assert.notDeepEqual(six.slice(0, five.length), five, 'round 6 moved the boundary');
});

test('short results are never worth a placeholder; nothing to clear returns the same request', () => {
  const small = sessionRequest({ rounds: 6, outputChars: 100 });
  const { req, cleared } = clearToolResults(small, options);
  assert.equal(cleared, 0);
  assert.equal(req, small);
  const mixed = sessionRequest({ rounds: 6, output: (r) => (r === 1 ? 'ok' : 'x'.repeat(1000)) });
  assert.deepEqual(resultTexts(clearToolResults(mixed, options).req).map(isPlaceholder), [true, false, true, true, false, false]);
});
