import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTERRUPTED_RESULT_TEXT, repairToolPairing } from '../../../src/dialects/shared/repair-tool-pairing.js';
import type { IrMessage, IrToolResultPart } from '../../../src/ir/types.js';

const call = (id: string, name = 'f') => ({ type: 'tool_call' as const, id, name, toolKind: 'function' as const, arguments: '{}' });
const result = (callId: string, text: string): IrToolResultPart => ({ type: 'tool_result', callId, content: [{ type: 'text', text }] });

test('repairToolPairing: consecutive tool messages merge, results follow call order, duplicates become orphans', () => {
  const messages: IrMessage[] = [
    { role: 'assistant', parts: [{ type: 'text', text: 'two calls' }, call('a'), call('b', 'g')] },
    { role: 'tool', parts: [result('b', 'B')] },
    { role: 'tool', parts: [result('a', 'A'), result('a', 'A again')] },
  ];
  assert.deepEqual(repairToolPairing(messages), [
    messages[0],
    { role: 'tool', parts: [result('a', 'A'), result('b', 'B')] },
    { role: 'user', parts: [{ type: 'text', text: 'Tool result (call a): A again' }] },
  ]);
});

test('repairToolPairing: a trailing unanswered call is answered; a leading tool message becomes user text with its images', () => {
  const image = { type: 'image' as const, source: { kind: 'url' as const, url: 'https://x.test/i.png' } };
  const messages: IrMessage[] = [
    { role: 'tool', parts: [{ type: 'tool_result', callId: 'gone', isError: true, content: [{ type: 'text', text: 'x' }, image] }] },
    { role: 'assistant', parts: [call('c', 'Bash')] },
  ];
  assert.deepEqual(repairToolPairing(messages), [
    { role: 'user', parts: [{ type: 'text', text: 'Tool result (call gone): Error: x' }, image] },
    messages[1],
    { role: 'tool', parts: [{ type: 'tool_result', callId: 'c', name: 'Bash', toolKind: 'function', content: [{ type: 'text', text: INTERRUPTED_RESULT_TEXT }] }] },
  ]);
});

test('repairToolPairing: well-formed history is unchanged', () => {
  const messages: IrMessage[] = [
    { role: 'user', parts: [{ type: 'text', text: 'go' }] },
    { role: 'assistant', parts: [call('a')] },
    { role: 'tool', parts: [result('a', 'ok')] },
    { role: 'assistant', parts: [{ type: 'text', text: 'done' }] },
  ];
  assert.deepEqual(repairToolPairing(messages), messages);
});
