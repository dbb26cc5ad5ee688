/**
 * @module test/unit/openai-chat/ingress-fixtures
 * Hand-built IR streams and responses fed to the chat ingress encoders, shared by the
 * encoder tests and the OpenAI SDK tests.
 */
import type { IngressContext } from '../../../src/dialects/types.js';
import type { IrResponse, IrStreamEvent } from '../../../src/ir/types.js';
import { irRequest } from './support.js';

export function chatCtx(includeUsage = true): IngressContext {
  return {
    requestedModel: 'gpt-4o',
    responseId: 'chatcmpl-lynkr1',
    createdAt: 1764072000,
    request: irRequest({ model: 'gpt-4o', extensions: { 'openai-chat': { include_usage: includeUsage } } }),
  };
}

const usage = { inputTokens: 30, outputTokens: 12, cachedInputTokens: 8, reasoningTokens: 4 };

export const TOOL_STREAM: IrStreamEvent[] = [
  { type: 'start', id: 'up-1', model: 'qwen3' },
  { type: 'reasoning-start', id: 'r0' },
  { type: 'reasoning-delta', id: 'r0', delta: 'Think.' },
  { type: 'reasoning-end', id: 'r0' },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Hel' },
  { type: 'keepalive' },
  { type: 'text-delta', id: 't1', delta: 'lo' },
  { type: 'text-end', id: 't1' },
  { type: 'tool-call-start', id: 'call_a', name: 'get_weather', toolKind: 'function' },
  { type: 'tool-call-delta', id: 'call_a', delta: '{"city":' },
  { type: 'tool-call-delta', id: 'call_a', delta: '"Paris"}' },
  { type: 'tool-call-end', id: 'call_a' },
  { type: 'tool-call-start', id: 'call_b', name: 'apply_patch', toolKind: 'custom' },
  { type: 'tool-call-delta', id: 'call_b', delta: '*** Begin "Patch"\n' },
  { type: 'tool-call-delta', id: 'call_b', delta: '*** End Patch' },
  { type: 'tool-call-end', id: 'call_b' },
  { type: 'usage', usage },
  { type: 'finish', reason: 'stop', usage },
];

export const RESPONSE: IrResponse = {
  id: 'up-1',
  model: 'qwen3',
  parts: [
    { type: 'reasoning', text: 'Think.' },
    { type: 'text', text: 'Hello' },
    { type: 'tool_call', id: 'call_a', name: 'get_weather', toolKind: 'function', arguments: '{"city":"Paris"}' },
    { type: 'tool_call', id: 'call_b', name: 'apply_patch', toolKind: 'custom', arguments: 'raw patch' },
  ],
  finishReason: 'tool_calls',
  usage,
};
