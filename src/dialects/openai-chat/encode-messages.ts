/**
 * @module dialects/openai-chat/encode-messages
 * IR system + messages → Chat Completions `messages` (egress, wire-contract §6.1, §6.3, §6.4):
 * - ONE leading `system` message (late system messages hoisted; templates reject them);
 * - user content is a string when it is text only, else text / image_url parts; documents
 *   become a text note;
 * - assistant text joined, `content: null` when there are only tool calls, tool names
 *   through the request's ToolNameMap, custom calls wrapped as `{"input": …}`; reasoning is
 *   dropped except DeepSeek's, which must come back as `reasoning_content`; opaque parts
 *   are dropped, and so are assistant messages left empty;
 * - one `tool` message per result, in call order, right after its assistant message
 *   (pairing repaired first); images from results go in a following user message.
 */
import { hoistSystem } from '../../ir/helpers.js';
import type { IrImagePart, IrMessage, IrPart, IrRequest, IrToolCallPart } from '../../ir/types.js';
import type { ToolNameMap } from '../../ir/tool-names.js';
import { repairToolPairing } from '../shared/repair-tool-pairing.js';
import { IMAGES_FOLLOW_TEXT, documentNote, toolResultImages, toolResultText } from '../shared/tool-result-content.js';
import { chatArguments } from './encode-tool-call.js';

type ChatContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail?: string } };
export type ChatMessage = Record<string, unknown> & { role: 'system' | 'user' | 'assistant' | 'tool' };

export function encodeChatMessages(req: Pick<IrRequest, 'system' | 'messages'>, toolNames: ToolNameMap): ChatMessage[] {
  const { system, messages } = hoistSystem(req);
  const out: ChatMessage[] = [];
  if (system) out.push({ role: 'system', content: system });
  for (const m of repairToolPairing(messages)) out.push(...encodeMessage(m, toolNames));
  return out;
}

function encodeMessage(m: IrMessage, toolNames: ToolNameMap): ChatMessage[] {
  switch (m.role) {
    case 'user':
    case 'system': {
      // `system` cannot occur after hoisting; rendered as user content for completeness.
      const content = userContent(m.parts);
      return content === undefined ? [] : [{ role: 'user', content }];
    }
    case 'assistant': {
      const msg = assistantMessage(m.parts, toolNames);
      return msg ? [msg] : [];
    }
    case 'tool': {
      const out: ChatMessage[] = [];
      const images: ChatContentPart[] = [];
      for (const p of m.parts) {
        if (p.type !== 'tool_result') continue;
        const resultImages = toolResultImages(p);
        let content = toolResultText(p);
        if (resultImages.length > 0) {
          if (content.length === 0) content = IMAGES_FOLLOW_TEXT;
          images.push({ type: 'text', text: `Images returned by tool call ${p.callId}:` }, ...resultImages.map(imagePart));
        }
        out.push({ role: 'tool', tool_call_id: p.callId, content });
      }
      if (images.length > 0) out.push({ role: 'user', content: images });
      return out;
    }
  }
}

/** A string when the message is text only, parts otherwise; undefined when there is nothing to send. */
function userContent(parts: readonly IrPart[]): string | ChatContentPart[] | undefined {
  const out: ChatContentPart[] = [];
  for (const p of parts) {
    if (p.type === 'text') out.push({ type: 'text', text: p.text });
    else if (p.type === 'image') out.push(imagePart(p));
    else if (p.type === 'document') out.push({ type: 'text', text: documentNote(p) });
  }
  if (out.length === 0) return undefined;
  if (out.every((p) => p.type === 'text')) return out.map((p) => (p as { text: string }).text).join('\n');
  return out;
}

function assistantMessage(parts: readonly IrPart[], toolNames: ToolNameMap): ChatMessage | undefined {
  const text = parts.flatMap((p) => (p.type === 'text' && p.text.length > 0 ? [p.text] : [])).join('\n');
  const calls = parts.filter((p): p is IrToolCallPart => p.type === 'tool_call');
  if (text.length === 0 && calls.length === 0) return undefined;
  const msg: ChatMessage = { role: 'assistant', content: text.length > 0 ? text : null };
  const deepseekReasoning = parts
    .flatMap((p) => (p.type === 'reasoning' && p.provider === 'deepseek' && p.text ? [p.text] : []))
    .join('\n');
  if (deepseekReasoning) msg.reasoning_content = deepseekReasoning;
  if (calls.length > 0) {
    msg.tool_calls = calls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: toolNames.wireName(c.name, c.namespace, c.toolKind), arguments: chatArguments(c) },
    }));
  }
  return msg;
}

function imagePart(p: IrImagePart): ChatContentPart {
  const url = p.source.kind === 'base64' ? `data:${p.source.mediaType};base64,${p.source.data}` : p.source.url;
  return { type: 'image_url', image_url: p.detail ? { url, detail: p.detail } : { url } };
}
