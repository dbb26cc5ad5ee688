/**
 * @module dialects/openai-responses/encode-input-items
 * IR messages → the Responses API's `input` items (egress, wire-contract §2.1.1, §6.1, §6.4).
 * The leading system content goes to `instructions` (see encode-request); here:
 * - user text, images and PDFs → one `message` with `input_text` / `input_image` /
 *   `input_file` parts; plain-text documents become a text note;
 * - assistant parts keep their order: text → an assistant `message` with `output_text`,
 *   tool calls → `function_call` / `custom_tool_call` (wire names from the ToolNameMap,
 *   custom input raw), reasoning → a `reasoning` item only when it carries OpenAI's own
 *   `encrypted_content` (never Lynkr's blob or another provider's thinking), sent without
 *   `id`: with `store:false` an id makes the API look up an item it never stored (and
 *   Azure rejects it), while the encrypted content alone restores the reasoning;
 * - tool results → `function_call_output` / `custom_tool_call_output` (the kind of the call
 *   they answer), images in a following user message; pairing is repaired first because
 *   the API rejects a call without output ("No tool output found for function call");
 * - a mid-conversation system message → a `developer` message in place;
 * - Responses items the IR keeps opaque (compaction, hosted calls) pass through verbatim.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
import type { ToolNameMap } from '../../ir/tool-names.js';
import type { IrImagePart, IrMessage, IrPart, IrRequest, IrToolResultPart } from '../../ir/types.js';
import { repairToolPairing } from '../shared/repair-tool-pairing.js';
import { documentNote, IMAGES_FOLLOW_TEXT, toolResultImages, toolResultText } from '../shared/tool-result-content.js';
import { isObject } from './wire-values.js';

export type InputItem = Record<string, unknown>;
type ContentPart = Record<string, unknown> & { type: string };

/** Content-part types that live inside a message (an opaque part of one of these is a part, not an item). */
const CONTENT_PART_TYPES = /^(input_|output_text$|refusal$)/;

export function encodeInputItems(req: Pick<IrRequest, 'messages'>, toolNames: ToolNameMap): InputItem[] {
  const items: InputItem[] = [];
  /** call id → kind, so each output item matches the call it answers. */
  const callKinds = new Map<string, 'function' | 'custom'>();
  for (const m of repairToolPairing(req.messages)) items.push(...encodeMessage(m, toolNames, callKinds));
  return items;
}

function encodeMessage(m: IrMessage, toolNames: ToolNameMap, callKinds: Map<string, 'function' | 'custom'>): InputItem[] {
  switch (m.role) {
    case 'user':
      return userItems(m.parts, 'user');
    case 'system':
      return userItems(m.parts, 'developer');
    case 'assistant':
      return assistantItems(m.parts, toolNames, callKinds);
    case 'tool':
      return toolItems(m.parts, callKinds);
  }
}

/** A user (or developer) message, with Responses items found among the parts kept in place. */
function userItems(parts: readonly IrPart[], role: 'user' | 'developer'): InputItem[] {
  const items: InputItem[] = [];
  let content: ContentPart[] = [];
  const flush = () => {
    if (content.length > 0) items.push({ type: 'message', role, content });
    content = [];
  };
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        content.push({ type: 'input_text', text: p.text });
        break;
      case 'image':
        content.push(inputImage(p));
        break;
      case 'document':
        if (p.data !== undefined && p.mediaType === 'application/pdf') {
          content.push({ type: 'input_file', filename: p.title ?? 'document.pdf', file_data: `data:${p.mediaType};base64,${p.data}` });
        } else {
          content.push({ type: 'input_text', text: documentNote(p) });
        }
        break;
      case 'opaque': {
        if (p.dialect !== 'openai-responses' || !isObject(p.value)) break;
        const type = typeof p.value.type === 'string' ? p.value.type : '';
        if (CONTENT_PART_TYPES.test(type)) content.push(p.value as ContentPart);
        else {
          flush();
          items.push(p.value);
        }
        break;
      }
      case 'tool_call':
      case 'tool_result':
      case 'reasoning':
        break;
    }
  }
  flush();
  return items;
}

function assistantItems(parts: readonly IrPart[], toolNames: ToolNameMap, callKinds: Map<string, 'function' | 'custom'>): InputItem[] {
  const items: InputItem[] = [];
  let texts: ContentPart[] = [];
  const flush = () => {
    if (texts.length > 0) items.push({ type: 'message', role: 'assistant', content: texts });
    texts = [];
  };
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        if (p.text.length > 0) texts.push({ type: 'output_text', text: p.text, annotations: [] });
        break;
      case 'reasoning':
        if (p.encrypted?.dialect !== 'openai-responses') break;
        flush();
        items.push({
          type: 'reasoning',
          summary: p.summary || p.text ? [{ type: 'summary_text', text: p.summary || p.text }] : [],
          encrypted_content: p.encrypted.value,
        });
        break;
      case 'tool_call': {
        flush();
        callKinds.set(p.id, p.toolKind);
        const name = toolNames.wireName(p.name, p.namespace, p.toolKind);
        items.push(
          p.toolKind === 'custom'
            ? { type: 'custom_tool_call', call_id: p.id, name, input: p.arguments }
            : { type: 'function_call', call_id: p.id, name, arguments: p.arguments.trim() === '' ? '{}' : p.arguments },
        );
        break;
      }
      case 'opaque':
        if (p.dialect === 'openai-responses' && isObject(p.value)) {
          flush();
          items.push(p.value);
        }
        break;
      case 'image':
      case 'document':
      case 'tool_result':
        break;
    }
  }
  flush();
  return items;
}

function toolItems(parts: readonly IrPart[], callKinds: ReadonlyMap<string, 'function' | 'custom'>): InputItem[] {
  const items: InputItem[] = [];
  const images: ContentPart[] = [];
  for (const p of parts) {
    if (p.type !== 'tool_result') continue;
    const kind = callKinds.get(p.callId) ?? p.toolKind ?? 'function';
    const resultImages = toolResultImages(p);
    items.push({ type: kind === 'custom' ? 'custom_tool_call_output' : 'function_call_output', call_id: p.callId, output: outputText(p, resultImages) });
    if (resultImages.length > 0) {
      images.push({ type: 'input_text', text: `Images returned by tool call ${p.callId}:` }, ...resultImages.map(inputImage));
    }
  }
  // Tool outputs carry text; images follow as user content, which every Responses model reads.
  if (images.length > 0) items.push({ type: 'message', role: 'user', content: images });
  return items;
}

function outputText(p: IrToolResultPart, images: readonly IrImagePart[]): string {
  const text = toolResultText(p);
  return text.length === 0 && images.length > 0 ? IMAGES_FOLLOW_TEXT : text;
}

/** `input_image`; `detail` is required by the API, `auto` when the client named none. */
function inputImage(p: IrImagePart): ContentPart {
  const url = p.source.kind === 'base64' ? `data:${p.source.mediaType};base64,${p.source.data}` : p.source.url;
  return { type: 'input_image', image_url: url, detail: p.detail === 'low' || p.detail === 'high' ? p.detail : 'auto' };
}
