import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesCodec as codec } from '../../../src/dialects/anthropic-messages/index.js';
import type { IrResponse } from '../../../src/ir/types.js';
import { EMPTY_REQUEST, ingressContext } from './helpers.js';

test('encodeResponse: block order, input objects, requested model, usage', () => {
  const res: IrResponse = {
    id: 'up',
    model: 'qwen3',
    parts: [
      { type: 'reasoning', text: 'thinking...', provider: 'ollama' },
      { type: 'reasoning', text: '', redactedData: 'RED' },
      { type: 'text', text: '' },
      { type: 'text', text: 'Here:' },
      { type: 'tool_call', id: 'c1', name: 'Read', toolKind: 'function', arguments: '"{\\"file_path\\":\\"/x\\"}"' },
      { type: 'tool_call', id: 'c2', name: 'apply_patch', toolKind: 'custom', arguments: '*** Begin Patch' },
      { type: 'tool_call', id: 'c3', name: 'Broken', toolKind: 'function', arguments: '{oops' },
      { type: 'opaque', dialect: 'openai-responses', value: { type: 'web_search_call' } },
    ],
    finishReason: 'stop',
    usage: { inputTokens: 100, outputTokens: 20, cacheWriteInputTokens: 30 },
  };
  assert.deepEqual(codec.encodeResponse(res, ingressContext(EMPTY_REQUEST, 'claude-sonnet-4-5')), {
    id: 'msg_test_01',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'thinking', thinking: 'thinking...', signature: '' },
      { type: 'redacted_thinking', data: 'RED' },
      { type: 'text', text: 'Here:' },
      { type: 'tool_use', id: 'c1', name: 'Read', input: { file_path: '/x' } },
      { type: 'tool_use', id: 'c2', name: 'apply_patch', input: { input: '*** Begin Patch' } },
      { type: 'tool_use', id: 'c3', name: 'Broken', input: {} },
    ],
    stop_reason: 'tool_use', // "stop" with tool calls still asks the client to run them
    stop_sequence: null,
    usage: { input_tokens: 70, output_tokens: 20, cache_read_input_tokens: 0, cache_creation_input_tokens: 30 },
  });
});

test('encodeResponse: stop sequence and length', () => {
  const base: IrResponse = { id: 'x', parts: [{ type: 'text', text: 'a' }], finishReason: 'stop_sequence', stopSequence: '###', usage: { inputTokens: 1, outputTokens: 1 } };
  const a = codec.encodeResponse(base, ingressContext(EMPTY_REQUEST)) as { stop_reason: string; stop_sequence: string | null };
  assert.equal(a.stop_reason, 'stop_sequence');
  assert.equal(a.stop_sequence, '###');
  const b = codec.encodeResponse({ ...base, finishReason: 'length' }, ingressContext(EMPTY_REQUEST)) as { stop_reason: string; stop_sequence: string | null };
  assert.equal(b.stop_reason, 'max_tokens');
  assert.equal(b.stop_sequence, null);
});
