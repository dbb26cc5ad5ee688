import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LynkrError } from '../../../src/ir/errors.js';
import { StreamBlockWriter } from '../../../src/dialects/shared/stream-block-writer.js';
import { assertLifecycle } from './support.js';

test('StreamBlockWriter: closes the open block before opening another and finishes once', () => {
  const w = new StreamBlockWriter();
  const events = [
    ...w.start({ id: 'up_1', model: 'm' }),
    ...w.start({ id: 'ignored' }),
    ...w.reasoning('a', 'ollama'),
    ...w.reasoning('b'),
    ...w.text('x'),
    ...w.text(''),
    ...w.reasoning('c'),
    ...w.toolCall({ id: 'call_1', name: 'f', toolKind: 'function', arguments: '{}' }),
    ...w.text('y'),
    ...w.finish({ reason: 'stop', usage: { inputTokens: 1, outputTokens: 2 } }),
    ...w.finish({ reason: 'length' }),
    ...w.text('late'),
  ];
  assert.deepEqual(events, [
    { type: 'start', id: 'up_1', model: 'm' },
    { type: 'reasoning-start', id: 'reasoning_0', provider: 'ollama' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'a' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'b' },
    { type: 'reasoning-end', id: 'reasoning_0' },
    { type: 'text-start', id: 'text_1' },
    { type: 'text-delta', id: 'text_1', delta: 'x' },
    { type: 'text-end', id: 'text_1' },
    { type: 'reasoning-start', id: 'reasoning_2' },
    { type: 'reasoning-delta', id: 'reasoning_2', delta: 'c' },
    { type: 'reasoning-end', id: 'reasoning_2' },
    { type: 'tool-call-start', id: 'call_1', name: 'f', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_1', delta: '{}' },
    { type: 'tool-call-end', id: 'call_1' },
    { type: 'text-start', id: 'text_3' },
    { type: 'text-delta', id: 'text_3', delta: 'y' },
    { type: 'text-end', id: 'text_3' },
    { type: 'usage', usage: { inputTokens: 1, outputTokens: 2 } },
    { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 2 } },
  ]);
  assertLifecycle(events);
  assert.ok(w.ended);
});

test('StreamBlockWriter: a signature goes out on reasoning-end', () => {
  const w = new StreamBlockWriter();
  const events = [...w.reasoning('think'), ...w.reasoningSignature('SIG'), ...w.text('t'), ...w.finish({ reason: 'stop' })];
  assert.deepEqual(events.slice(0, 4), [
    { type: 'start' },
    { type: 'reasoning-start', id: 'reasoning_0' },
    { type: 'reasoning-delta', id: 'reasoning_0', delta: 'think' },
    { type: 'reasoning-end', id: 'reasoning_0', signature: 'SIG' },
  ]);
  assertLifecycle(events);
});

test('StreamBlockWriter: error ends the stream in place of finish, even before any output', () => {
  const w = new StreamBlockWriter();
  const err = new LynkrError('upstream_error', 'boom');
  const events = [...w.error(err), ...w.finish({ reason: 'stop' })];
  assert.deepEqual(events, [{ type: 'start' }, { type: 'error', error: err }]);
});
