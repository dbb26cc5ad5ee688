/**
 * @module dialects/openai-responses/encode-response
 * Encodes a complete IrResponse as the non-streamed Responses `Response` object
 * (wire-contract §3.1 item shapes, §3.2 usage). Items are built by `response-items.ts`,
 * the same builders the stream encoder uses, so both answers carry identical items.
 */
import { newId } from '../../ir/helpers.js';
import type { IrPart, IrResponse } from '../../ir/types.js';
import type { IngressContext } from '../types.js';
import { mapFinish } from './map-finish.js';
import {
  buildResponse,
  messageItem,
  reasoningEncryptedContent,
  reasoningItem,
  renderUsage,
  toolCallItem,
  type OutputItem,
} from './response-items.js';

/** The output item for one assistant part; parts with no Responses output form give none. */
function itemFor(part: IrPart): OutputItem | undefined {
  switch (part.type) {
    case 'text':
      return messageItem({ id: newId('msg'), text: part.text, status: 'completed' });
    case 'reasoning':
      return reasoningItem({
        id: newId('rs'),
        text: part.text,
        summary: part.summary,
        encryptedContent: reasoningEncryptedContent(part),
      });
    case 'tool_call':
      return toolCallItem({
        id: newId(part.toolKind === 'custom' ? 'ctc' : 'fc'),
        callId: part.id,
        name: part.name,
        namespace: part.namespace,
        toolKind: part.toolKind,
        payload: part.arguments,
        status: 'completed',
      });
    case 'opaque':
      return part.dialect === 'openai-responses' && typeof part.value === 'object' && part.value !== null
        ? (part.value as OutputItem)
        : undefined;
    case 'image':
    case 'document':
    case 'tool_result':
      return undefined;
  }
}

/**
 * The non-streamed Response. `output_text` is the SDK convenience field (the joined message
 * text); `model` is the requested model, never the upstream's.
 * @example encodeResponse({ id: 'x', parts: [{ type: 'text', text: 'hi' }], finishReason: 'stop', usage }, ctx)
 *   // { id: ctx.responseId, object: 'response', status: 'completed', output: [{ type: 'message', … }], output_text: 'hi', … }
 */
export function encodeResponse(res: IrResponse, ctx: IngressContext): Record<string, unknown> {
  const output = res.parts.map(itemFor).filter((item): item is OutputItem => item !== undefined);
  const outputText = res.parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('');
  const response = buildResponse({
    ctx,
    outcome: mapFinish(res.finishReason, res.rawFinishReason),
    output,
    usage: renderUsage(res.usage),
    echoTools: true,
  });
  return { ...response, output_text: outputText };
}
