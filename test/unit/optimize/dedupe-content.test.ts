import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedupeContent } from '../../../src/pipeline/optimize/dedupe-content.js';
import { resultTexts, sessionRequest } from './session.js';

const file = 'export function add(a, b) {\n  return a + b;\n}\n'.repeat(20);

test('a later identical tool result becomes a reference to the first; the first stays', () => {
  const req = sessionRequest({ rounds: 4, output: (r) => (r === 1 ? 'tests: 3 passed' : file) });
  const { req: out, deduped } = dedupeContent(req, { minChars: 400 });
  assert.equal(deduped, 2);
  const texts = resultTexts(out);
  assert.equal(texts[0], file);
  assert.equal(texts[1], 'tests: 3 passed');
  assert.match(texts[2], /^\[Lynkr: identical to the output of `exec_command \{"cmd":"step 0"\}` earlier in this conversation \(\d+ characters\); omitted to save context\.\]$/);
  assert.equal(texts[3], texts[2]);
});

test('deduplication only looks back: appending turns never changes an earlier message', () => {
  const output = (r: number) => (r % 2 === 0 ? file : `distinct output ${r} `.repeat(40));
  const three = dedupeContent(sessionRequest({ rounds: 3, output })).req.messages;
  const five = dedupeContent(sessionRequest({ rounds: 5, output })).req.messages;
  assert.deepEqual(five.slice(0, three.length), three);
});

test('repeated long user text is deduplicated too; short or unique content is untouched', () => {
  const req = sessionRequest({ rounds: 0 });
  const pasted = 'Stack trace line\n'.repeat(40);
  req.messages = [
    { role: 'user', parts: [{ type: 'text', text: pasted }] },
    { role: 'assistant', parts: [{ type: 'text', text: 'Looking.' }] },
    { role: 'user', parts: [{ type: 'text', text: pasted }] },
    { role: 'user', parts: [{ type: 'text', text: 'short' }] },
  ];
  const { req: out, deduped } = dedupeContent(req);
  assert.equal(deduped, 1);
  assert.match((out.messages[2].parts[0] as { text: string }).text, /identical to a user message earlier/);
  const unique = sessionRequest({ rounds: 3 });
  assert.equal(dedupeContent(unique).req, unique);
});
