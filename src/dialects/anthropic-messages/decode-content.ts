/**
 * @module dialects/anthropic-messages/decode-content
 * Anthropic `messages[]` → IR messages (wire-contract §2.2 "Content blocks to accept", §6.3).
 * - `role:"system"` messages (the `mid-conversation-system` beta) stay in place as IR `system`.
 * - A user message's `tool_result` blocks become one IR `tool` message placed *before* the
 *   rest of that user message (its text and images follow as a `user` message).
 * - Assistant blocks keep their order; thinking keeps its signature byte-exact.
 * - Unknown block types never fail: they travel as opaque parts for an Anthropic upstream.
 */
import { invalidRequest } from '../../ir/errors.js';
import type {
  IrDocumentPart,
  IrImagePart,
  IrMessage,
  IrOpaquePart,
  IrPart,
  IrTextPart,
  IrToolResultPart,
} from '../../ir/types.js';
import { DIALECT, isBlock, isRecord, type AnthropicBlock } from './wire-types.js';

/** Decodes the `messages` array (already known to be an array). */
export function decodeMessages(raw: readonly unknown[]): IrMessage[] {
  const out: IrMessage[] = [];
  raw.forEach((m, i) => {
    const param = `messages.${i}`;
    if (!isRecord(m)) throw invalidRequest(`${param}: each message must be an object`, param);
    const blocks = contentBlocks(m.content, `${param}.content`);
    switch (m.role) {
      case 'system':
        push(out, 'system', blocks.map((b) => (b.type === 'text' ? textPart(b, `${param}.content`) : opaque(b))));
        break;
      case 'assistant':
        push(out, 'assistant', blocks.map((b, j) => assistantPart(b, `${param}.content.${j}`)));
        break;
      case 'user': {
        const results: IrPart[] = [];
        const rest: IrPart[] = [];
        blocks.forEach((b, j) => {
          if (b.type === 'tool_result') results.push(toolResultPart(b, `${param}.content.${j}`));
          else rest.push(userPart(b, `${param}.content.${j}`));
        });
        push(out, 'tool', results);
        push(out, 'user', rest);
        break;
      }
      default:
        throw invalidRequest(`${param}.role: expected 'user', 'assistant' or 'system'`, `${param}.role`);
    }
  });
  return out;
}

function push(out: IrMessage[], role: IrMessage['role'], parts: IrPart[]): void {
  if (parts.length > 0) out.push({ role, parts });
}

/** `content` as blocks: a string is one text block. */
function contentBlocks(content: unknown, param: string): AnthropicBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(`${param}: expected a string or an array of content blocks`, param);
  return content.map((b, j) => {
    if (!isBlock(b)) throw invalidRequest(`${param}.${j}: each content block must be an object with a type`, `${param}.${j}`);
    return b;
  });
}

function userPart(b: AnthropicBlock, param: string): IrPart {
  switch (b.type) {
    case 'text':
      return textPart(b, param);
    case 'image':
      return imagePart(b) ?? opaque(b);
    case 'document':
      return documentPart(b) ?? opaque(b);
    default:
      return opaque(b);
  }
}

function assistantPart(b: AnthropicBlock, param: string): IrPart {
  switch (b.type) {
    case 'text':
      return textPart(b, param);
    case 'thinking':
      return {
        type: 'reasoning',
        text: typeof b.thinking === 'string' ? b.thinking : '',
        ...(typeof b.signature === 'string' ? { signature: b.signature } : {}),
        provider: 'anthropic',
      };
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', redactedData: typeof b.data === 'string' ? b.data : '', provider: 'anthropic' };
    case 'tool_use': {
      if (typeof b.id !== 'string' || typeof b.name !== 'string') {
        throw invalidRequest(`${param}: tool_use needs a string id and name`, param);
      }
      return {
        type: 'tool_call',
        id: b.id,
        name: b.name,
        toolKind: 'function',
        arguments: JSON.stringify(b.input ?? {}),
      };
    }
    default:
      // server_tool_use, web_search_tool_result, mcp_tool_use, … : Anthropic-only
      return opaque(b);
  }
}

function toolResultPart(b: AnthropicBlock, param: string): IrToolResultPart {
  if (typeof b.tool_use_id !== 'string') throw invalidRequest(`${param}.tool_use_id: expected a string`, `${param}.tool_use_id`);
  const content: Array<IrTextPart | IrImagePart> = [];
  if (typeof b.content === 'string') content.push({ type: 'text', text: b.content });
  else if (Array.isArray(b.content)) {
    for (const c of b.content) {
      if (isBlock(c) && c.type === 'text' && typeof c.text === 'string') content.push(textPart(c, param));
      else if (isBlock(c) && c.type === 'image' && imagePart(c)) content.push(imagePart(c)!);
      // search_result, document, tool_reference…: the IR has no slot inside a tool result, keep them as text
      else content.push({ type: 'text', text: JSON.stringify(c) });
    }
  }
  return {
    type: 'tool_result',
    callId: b.tool_use_id,
    content,
    ...(typeof b.is_error === 'boolean' ? { isError: b.is_error } : {}),
    ...cache(b),
  };
}

function textPart(b: AnthropicBlock, param: string): IrTextPart {
  if (typeof b.text !== 'string') throw invalidRequest(`${param}: a text block needs a string text`, param);
  return { type: 'text', text: b.text, ...cache(b) };
}

function imagePart(b: AnthropicBlock): IrImagePart | undefined {
  const s = b.source;
  if (!isRecord(s)) return undefined;
  if (s.type === 'base64' && typeof s.data === 'string') {
    const mediaType = typeof s.media_type === 'string' ? s.media_type : 'image/png';
    return { type: 'image', source: { kind: 'base64', mediaType, data: s.data }, ...cache(b) };
  }
  if (s.type === 'url' && typeof s.url === 'string') return { type: 'image', source: { kind: 'url', url: s.url }, ...cache(b) };
  return undefined; // file ids and future sources stay opaque
}

function documentPart(b: AnthropicBlock): IrDocumentPart | undefined {
  const s = b.source;
  if (!isRecord(s) || typeof s.data !== 'string') return undefined;
  const title = typeof b.title === 'string' ? { title: b.title } : {};
  if (s.type === 'base64') {
    const mediaType = typeof s.media_type === 'string' ? s.media_type : 'application/pdf';
    return { type: 'document', mediaType, data: s.data, ...title, ...cache(b) };
  }
  if (s.type === 'text') {
    const mediaType = typeof s.media_type === 'string' ? s.media_type : 'text/plain';
    return { type: 'document', mediaType, text: s.data, ...title, ...cache(b) };
  }
  return undefined; // url / content / file sources stay opaque
}

function opaque(b: AnthropicBlock): IrOpaquePart {
  return { type: 'opaque', dialect: DIALECT, value: b };
}

function cache(b: AnthropicBlock): { cacheControl?: unknown } {
  return b.cache_control === undefined ? {} : { cacheControl: b.cache_control };
}
