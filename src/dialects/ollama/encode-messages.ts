/**
 * @module dialects/ollama/encode-messages
 * IR system + messages → Ollama `/api/chat` `messages` (egress, wire-contract §6.1, §6.5):
 * - one leading `system` message (late system messages hoisted);
 * - `content` is always a string; images go in `images` as bare base64 (no `data:` prefix);
 *   URL images cannot be sent and leave a text note; documents become a text note;
 * - assistant reasoning goes back as `thinking`; tool calls carry `arguments` as an OBJECT
 *   (custom calls as `{input: raw}`) and no ids (Ollama has none);
 * - tool results are `{role:'tool', content, tool_name}` in call order right after their
 *   assistant message (pairing repaired first), `tool_name` being the wire name of the
 *   call they answer; images from results go in a following user message.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import { hoistSystem } from '../../ir/helpers.js';
import type { IrImagePart, IrMessage, IrPart, IrRequest, IrToolCallPart } from '../../ir/types.js';
import type { ToolNameMap } from '../../ir/tool-names.js';
import { wrapCustomInput } from '../shared/custom-tool-parameters.js';
import { isRecord } from '../shared/guards.js';
import { repairToolPairing } from '../shared/repair-tool-pairing.js';
import { IMAGES_FOLLOW_TEXT, documentNote, toolResultImages, toolResultText } from '../shared/tool-result-content.js';

export interface OllamaToolCall {
  function: { name: string; arguments: Record<string, unknown> };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  images?: string[];
  thinking?: string;
  tool_calls?: OllamaToolCall[];
  tool_name?: string;
}

export function encodeOllamaMessages(req: Pick<IrRequest, 'system' | 'messages'>, toolNames: ToolNameMap): OllamaMessage[] {
  const { system, messages } = hoistSystem(req);
  const out: OllamaMessage[] = system ? [{ role: 'system', content: system }] : [];
  /** call id → wire name, for `tool_name` on the results that answer it. */
  const callNames = new Map<string, string>();
  for (const m of repairToolPairing(messages)) out.push(...encodeMessage(m, toolNames, callNames));
  return out;
}

function encodeMessage(m: IrMessage, toolNames: ToolNameMap, callNames: Map<string, string>): OllamaMessage[] {
  switch (m.role) {
    case 'user':
    case 'system': {
      const msg = userMessage(m.parts);
      return msg ? [msg] : [];
    }
    case 'assistant': {
      const msg = assistantMessage(m.parts, toolNames, callNames);
      return msg ? [msg] : [];
    }
    case 'tool': {
      const out: OllamaMessage[] = [];
      const images: IrImagePart[] = [];
      const imageCallIds: string[] = [];
      for (const p of m.parts) {
        if (p.type !== 'tool_result') continue;
        const name = callNames.get(p.callId) ?? p.name;
        const resultImages = toolResultImages(p);
        let content = toolResultText(p);
        if (resultImages.length > 0) {
          if (content.length === 0) content = IMAGES_FOLLOW_TEXT;
          images.push(...resultImages);
          imageCallIds.push(p.callId);
        }
        out.push({ role: 'tool', content, ...(name ? { tool_name: name } : {}) });
      }
      if (images.length > 0) {
        const msg = userMessage([{ type: 'text', text: `Images returned by tool call ${imageCallIds.join(', ')}:` }, ...images]);
        if (msg) out.push(msg);
      }
      return out;
    }
  }
}

function userMessage(parts: readonly IrPart[]): OllamaMessage | undefined {
  const texts: string[] = [];
  const images: string[] = [];
  for (const p of parts) {
    if (p.type === 'text') texts.push(p.text);
    else if (p.type === 'document') texts.push(documentNote(p));
    else if (p.type === 'image') {
      if (p.source.kind === 'base64') images.push(p.source.data);
      else texts.push(`[image at ${p.source.url} not sent: this model takes only inline images]`);
    }
  }
  if (texts.length === 0 && images.length === 0) return undefined;
  const msg: OllamaMessage = { role: 'user', content: texts.join('\n') };
  if (images.length > 0) msg.images = images;
  return msg;
}

function assistantMessage(parts: readonly IrPart[], toolNames: ToolNameMap, callNames: Map<string, string>): OllamaMessage | undefined {
  const text = parts.flatMap((p) => (p.type === 'text' && p.text.length > 0 ? [p.text] : [])).join('\n');
  const calls = parts.filter((p): p is IrToolCallPart => p.type === 'tool_call');
  if (text.length === 0 && calls.length === 0) return undefined;
  const msg: OllamaMessage = { role: 'assistant', content: text };
  const thinking = parts.flatMap((p) => (p.type === 'reasoning' && p.text ? [p.text] : [])).join('\n');
  if (thinking) msg.thinking = thinking;
  if (calls.length > 0) {
    msg.tool_calls = calls.map((c) => {
      const name = toolNames.wireName(c.name, c.namespace, c.toolKind);
      callNames.set(c.id, name);
      return { function: { name, arguments: argumentsObject(c) } };
    });
  }
  return msg;
}

/** Ollama wants the arguments object, not JSON text: unparsable or non-object arguments become `{}`. */
function argumentsObject(call: IrToolCallPart): Record<string, unknown> {
  if (call.toolKind === 'custom') return wrapCustomInput(call.arguments);
  try {
    const parsed: unknown = JSON.parse(call.arguments);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
