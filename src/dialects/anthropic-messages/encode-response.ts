/**
 * @module dialects/anthropic-messages/encode-response
 * IrResponse → a non-streaming Anthropic Messages response (wire-contract §3.4, "Non-streaming
 * response"): Claude Code falls back to it after a streaming failure. Tool inputs are
 * objects; the model is the one the client asked for.
 */
import type { IrPart, IrResponse } from '../../ir/types.js';
import type { IngressContext } from '../types.js';
import { toAnthropicStopReason } from './map-stop-reason.js';
import { toolInputObject } from './tool-input.js';
import { toAnthropicUsage } from './usage.js';
import { DIALECT, isBlock, type AnthropicBlock } from './wire-types.js';

/**
 * Encodes a complete response.
 * @example
 * encodeResponse({ id: 'x', parts: [{ type: 'text', text: 'Hi' }], finishReason: 'stop', usage }, ctx)
 * // { id: ctx.responseId, type: 'message', role: 'assistant', model: ctx.requestedModel, content: [{ type: 'text', text: 'Hi' }], … }
 */
export function encodeResponse(res: IrResponse, ctx: IngressContext): Record<string, unknown> {
  const content = res.parts.map(block).filter((b) => b !== undefined);
  const stopReason = toAnthropicStopReason(res.finishReason, content.some((b) => b.type === 'tool_use'));
  const u = toAnthropicUsage(res.usage);
  return {
    id: ctx.responseId,
    type: 'message',
    role: 'assistant',
    model: ctx.requestedModel,
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === 'stop_sequence' ? (res.stopSequence ?? null) : null,
    usage: {
      input_tokens: u.input_tokens,
      output_tokens: u.output_tokens,
      cache_read_input_tokens: u.cache_read_input_tokens,
      cache_creation_input_tokens: u.cache_creation_input_tokens,
    },
  };
}

function block(p: IrPart): AnthropicBlock | undefined {
  switch (p.type) {
    case 'reasoning':
      if (p.redactedData) return { type: 'redacted_thinking', data: p.redactedData };
      if (!p.text && !p.signature) return undefined;
      return { type: 'thinking', thinking: p.text, signature: p.signature ?? '' };
    case 'text':
      return p.text ? { type: 'text', text: p.text } : undefined; // Anthropic rejects empty text when echoed
    case 'tool_call':
      return { type: 'tool_use', id: p.id, name: p.name, input: toolInputObject(p.arguments, p.toolKind) };
    case 'opaque':
      return p.dialect === DIALECT && isBlock(p.value) ? p.value : undefined;
    case 'image':
    case 'document':
    case 'tool_result':
      return undefined;
  }
}
