/**
 * @module dialects/openai-chat/encode-response
 * IR response → a `chat.completion` object (ingress, non-streaming). Reports the model the
 * client asked for; reasoning goes out as `reasoning_content` (the DeepSeek convention,
 * wire-contract §3.5); `content` is null when the turn is only tool calls.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
import type { IrReasoningPart, IrResponse, IrTextPart, IrToolCallPart } from '../../ir/types.js';
import type { IngressContext } from '../types.js';
import { chatArguments } from './encode-tool-call.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';

export function encodeChatResponse(res: IrResponse, ctx: IngressContext): Record<string, unknown> {
  const text = res.parts.filter((p): p is IrTextPart => p.type === 'text').map((p) => p.text).join('');
  const reasoning = res.parts
    .filter((p): p is IrReasoningPart => p.type === 'reasoning')
    .map((p) => p.text)
    .filter((t) => t.length > 0)
    .join('\n\n');
  const calls = res.parts.filter((p): p is IrToolCallPart => p.type === 'tool_call');

  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text.length > 0 || calls.length === 0 ? text : null,
    refusal: null,
  };
  if (reasoning) message.reasoning_content = reasoning;
  if (calls.length > 0) {
    message.tool_calls = calls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: chatArguments(c) },
    }));
  }
  return {
    id: ctx.responseId,
    object: 'chat.completion',
    created: ctx.createdAt,
    model: ctx.requestedModel,
    choices: [{ index: 0, message, finish_reason: encodeFinishReason(res.finishReason, calls.length > 0), logprobs: null }],
    usage: encodeUsage(res.usage),
  };
}
