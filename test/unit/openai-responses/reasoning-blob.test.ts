/** Lynkr's reasoning blob (wire-contract §6.2): round trip and rejection of anything foreign. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeReasoningBlob,
  encodeReasoningBlob,
  REASONING_BLOB_PREFIX,
} from '../../../src/dialects/openai-responses/index.js';

test('round trip keeps text, signature, redacted data and provider byte-exact', () => {
  const fields = {
    text: 'Let me think… "quotes", newlines\n and emoji 🤔',
    signature: 'EqQBCkgIARABGAIiQL+/==',
    provider: 'anthropic',
  };
  const blob = encodeReasoningBlob(fields);
  assert.ok(blob.startsWith(REASONING_BLOB_PREFIX));
  assert.match(blob.slice(REASONING_BLOB_PREFIX.length), /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeReasoningBlob(blob), fields);

  const redacted = { text: '', redactedData: 'ENCRYPTED_THINKING', provider: 'anthropic' };
  assert.deepEqual(decodeReasoningBlob(encodeReasoningBlob(redacted)), redacted);
  assert.deepEqual(decodeReasoningBlob(encodeReasoningBlob({ text: 'deepseek', provider: 'deepseek' })), {
    text: 'deepseek',
    provider: 'deepseek',
  });
});

test('anything that is not a well-formed Lynkr blob decodes to undefined', () => {
  const b64 = (v: unknown) => REASONING_BLOB_PREFIX + Buffer.from(JSON.stringify(v)).toString('base64url');
  for (const value of [
    undefined,
    null,
    42,
    '',
    'ENC_REASONING_BLOB',
    'gAAAAABo_openai_encrypted',
    'lynkr:',
    'lynkr:!!!',
    'lynkr:' + Buffer.from('not json').toString('base64url'),
    b64([1, 2]),
    b64({ v: 2, text: 'future version' }),
    b64({ v: 1, text: 5 }),
    b64({ v: 1, text: 'x', signature: { bad: true } }),
  ]) {
    assert.equal(decodeReasoningBlob(value), undefined, String(value));
  }
});
