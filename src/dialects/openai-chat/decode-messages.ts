/**
 * @module dialects/openai-chat/decode-messages
 * Chat Completions `messages` → IR system parts and messages (ingress, wire-contract §2.3).
 * - `system` / `developer` messages before the first other message become `IrRequest.system`;
 *   later ones stay in place as IR `system` messages.
 * - assistant `reasoning_content` / `reasoning` (DeepSeek, vLLM, OpenRouter echoes) becomes a
 *   reasoning part placed first; `tool_calls` and the legacy `function_call` become tool calls.
 * - consecutive `tool` (and legacy `function`) messages merge into ONE IR tool message.
 * - `input_audio` parts are dropped (no IR meaning); `file` parts with inline data become
 *   documents; `file_id` references cannot be resolved and are dropped.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
import { invalidRequest } from '../../ir/errors.js';
import { newId, parseDataUrl } from '../../ir/helpers.js';
import type { IrImagePart, IrMessage, IrPart, IrReasoningPart, IrTextPart, IrToolResultPart } from '../../ir/types.js';
import { asString, isRecord } from '../shared/guards.js';

export interface DecodedMessages {
  system: IrTextPart[];
  messages: IrMessage[];
}

export function decodeMessages(raw: readonly unknown[]): DecodedMessages {
  const system: IrTextPart[] = [];
  const messages: IrMessage[] = [];
  /** Legacy `function_call`s have no id: the `function` message answering one finds it by name. */
  const legacyCallIds = new Map<string, string>();

  raw.forEach((m, i) => {
    const path = `messages[${i}]`;
    if (!isRecord(m)) throw invalidRequest(`${path} must be an object`, path);
    switch (m.role) {
      case 'system':
      case 'developer': {
        const parts = textParts(m.content, `${path}.content`);
        if (messages.length === 0) system.push(...parts);
        else if (parts.length > 0) messages.push({ role: 'system', parts });
        return;
      }
      case 'user':
        messages.push({ role: 'user', parts: contentParts(m.content, `${path}.content`) });
        return;
      case 'assistant': {
        const parts = assistantParts(m, path, legacyCallIds);
        if (parts.length > 0) messages.push({ role: 'assistant', parts });
        return;
      }
      case 'tool':
      case 'function': {
        const result = toolResult(m, path, legacyCallIds);
        const last = messages.at(-1);
        if (last?.role === 'tool') last.parts.push(result);
        else messages.push({ role: 'tool', parts: [result] });
        return;
      }
      default:
        throw invalidRequest(`${path}.role must be one of system, developer, user, assistant, tool`, `${path}.role`);
    }
  });
  return { system, messages };
}

function assistantParts(m: Record<string, unknown>, path: string, legacyCallIds: Map<string, string>): IrPart[] {
  const parts: IrPart[] = [];
  const reasoning = asString(m.reasoning_content) ?? asString(m.reasoning);
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning } satisfies IrReasoningPart);
  parts.push(...textParts(m.content, `${path}.content`));
  if (m.tool_calls !== undefined && m.tool_calls !== null) {
    if (!Array.isArray(m.tool_calls)) throw invalidRequest(`${path}.tool_calls must be an array`, `${path}.tool_calls`);
    m.tool_calls.forEach((c, j) => {
      const cpath = `${path}.tool_calls[${j}]`;
      const fn = isRecord(c) && isRecord(c.function) ? c.function : undefined;
      const name = asString(fn?.name);
      if (!isRecord(c) || !fn || !name) throw invalidRequest(`${cpath}.function.name is required`, `${cpath}.function.name`);
      parts.push({
        type: 'tool_call',
        id: asString(c.id) || newId('call'),
        name,
        toolKind: 'function',
        arguments: argumentsText(fn.arguments),
      });
    });
  }
  if (isRecord(m.function_call) && typeof m.function_call.name === 'string') {
    const id = newId('call');
    legacyCallIds.set(m.function_call.name, id);
    parts.push({
      type: 'tool_call',
      id,
      name: m.function_call.name,
      toolKind: 'function',
      arguments: argumentsText(m.function_call.arguments),
    });
  }
  return parts;
}

function toolResult(m: Record<string, unknown>, path: string, legacyCallIds: Map<string, string>): IrToolResultPart {
  const content = textParts(m.content, `${path}.content`);
  if (m.role === 'function') {
    const name = asString(m.name) ?? '';
    return { type: 'tool_result', callId: legacyCallIds.get(name) ?? newId('call'), name, content };
  }
  const callId = asString(m.tool_call_id);
  if (!callId) throw invalidRequest(`${path}.tool_call_id is required for tool messages`, `${path}.tool_call_id`);
  return { type: 'tool_result', callId, content };
}

/** `function.arguments` is a JSON string; some clients send the object itself. */
function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  if (args === undefined || args === null) return '';
  return JSON.stringify(args);
}

/** String or text-part content (system, developer, assistant, tool). */
function textParts(content: unknown, path: string): IrTextPart[] {
  return contentParts(content, path).filter((p): p is IrTextPart => p.type === 'text');
}

function contentParts(content: unknown, path: string): IrPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content.length > 0 ? [{ type: 'text', text: content }] : [];
  if (!Array.isArray(content)) throw invalidRequest(`${path} must be a string or an array of content parts`, path);
  const parts: IrPart[] = [];
  content.forEach((p, j) => {
    const part = contentPart(p, `${path}[${j}]`);
    if (part) parts.push(part);
  });
  return parts;
}

function contentPart(p: unknown, path: string): IrPart | undefined {
  if (typeof p === 'string') return { type: 'text', text: p };
  if (!isRecord(p)) throw invalidRequest(`${path} must be an object`, path);
  switch (p.type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return typeof p.text === 'string' ? { type: 'text', text: p.text } : undefined;
    case 'refusal':
      return typeof p.refusal === 'string' ? { type: 'text', text: p.refusal } : undefined;
    case 'image_url':
      return imagePart(p.image_url, path);
    case 'file':
      return filePart(p.file);
    default:
      return undefined; // input_audio and unknown part types carry nothing the IR can hold
  }
}

function imagePart(raw: unknown, path: string): IrImagePart {
  const url = typeof raw === 'string' ? raw : isRecord(raw) ? asString(raw.url) : undefined;
  if (!url) throw invalidRequest(`${path}.image_url.url is required`, `${path}.image_url.url`);
  const data = parseDataUrl(url);
  const image: IrImagePart = {
    type: 'image',
    source: data ? { kind: 'base64', mediaType: data.mediaType, data: data.data } : { kind: 'url', url },
  };
  const detail = isRecord(raw) ? asString(raw.detail) : undefined;
  if (detail) image.detail = detail === 'original' ? 'high' : detail;
  return image;
}

function filePart(raw: unknown): IrPart | undefined {
  if (!isRecord(raw) || typeof raw.file_data !== 'string') return undefined;
  const data = parseDataUrl(raw.file_data);
  const title = asString(raw.filename);
  return {
    type: 'document',
    mediaType: data?.mediaType ?? 'application/pdf',
    data: data?.data ?? raw.file_data,
    ...(title ? { title } : {}),
  };
}
