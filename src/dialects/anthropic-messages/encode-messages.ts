/**
 * @module dialects/anthropic-messages/encode-messages
 * IR messages → Anthropic `messages` for an Anthropic-compatible upstream (wire-contract §6.3,
 * §6.4). Anthropic is strict about shape, so this repairs what other clients send:
 * - roles alternate user/assistant and start with user (same-role neighbours are merged);
 * - mid-conversation system messages become `<system-reminder>` user text in place;
 * - every `tool_use` is answered by a `tool_result` in the very next user message, results
 *   first; orphan calls get a synthetic error result (an interrupted Claude Code tool, §6.4),
 *   and results without a call become plain user text;
 * - thinking is sent byte-exact, and only when Anthropic signed it (a fabricated or empty
 *   signature is rejected); other providers' reasoning is dropped;
 * - empty text blocks are dropped (Anthropic rejects them).
 */
import { createHash } from 'node:crypto';
import type { ToolNameMap } from '../../ir/tool-names.js';
import type { IrImagePart, IrMessage, IrPart, IrTextPart, IrToolResultPart } from '../../ir/types.js';
import { alternateRoles } from '../shared/alternate-roles.js';
import { systemReminder } from '../shared/system-reminder.js';
import { toolInputObject } from './tool-input.js';
import { DIALECT, type AnthropicBlock, type AnthropicMessage } from './wire-types.js';

/** Text of the synthetic result for a tool call that never got one. */
export const INTERRUPTED_RESULT = '(no result: the tool call was interrupted)';
/** Stands in for a missing first user message. */
const PLACEHOLDER = '(no content)';

/** Encodes the conversation. */
export function encodeMessages(messages: readonly IrMessage[], names: ToolNameMap): AnthropicMessage[] {
  const merged: AnthropicMessage[] = alternateRoles(messages, (m) => encodeParts(m, names));
  const paired = pairToolResults(merged);
  if (paired[0]?.role !== 'user') paired.unshift({ role: 'user', content: [{ type: 'text', text: PLACEHOLDER }] });
  trimFinalAssistant(paired);
  return paired;
}

function encodeParts(m: IrMessage, names: ToolNameMap): AnthropicBlock[] {
  if (m.role === 'system') {
    const reminder = systemReminder(m.parts);
    if (!reminder) return [];
    const cacheControl = [...reminder.parts].reverse().find((p) => p.cacheControl !== undefined)?.cacheControl;
    return [{ type: 'text', text: reminder.text, ...cache(cacheControl) }];
  }
  const out: AnthropicBlock[] = [];
  for (const p of m.parts) {
    const b = m.role === 'assistant' ? assistantBlock(p, names) : userBlock(p);
    if (b) out.push(b);
  }
  return out;
}

function userBlock(p: IrPart): AnthropicBlock | undefined {
  switch (p.type) {
    case 'text':
      return textBlock(p);
    case 'image':
      return imageBlock(p);
    case 'document':
      if (p.data !== undefined) {
        return { type: 'document', source: { type: 'base64', media_type: p.mediaType, data: p.data }, ...title(p.title), ...cache(p.cacheControl) };
      }
      return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: p.text ?? '' }, ...title(p.title), ...cache(p.cacheControl) };
    case 'tool_result':
      return toolResultBlock(p);
    case 'opaque':
      return p.dialect === DIALECT ? (p.value as AnthropicBlock) : undefined;
    case 'tool_call':
    case 'reasoning':
      return undefined;
  }
}

function assistantBlock(p: IrPart, names: ToolNameMap): AnthropicBlock | undefined {
  switch (p.type) {
    case 'text':
      return textBlock(p);
    case 'reasoning':
      if (p.redactedData) return { type: 'redacted_thinking', data: p.redactedData };
      if (p.provider === 'anthropic' && p.signature) return { type: 'thinking', thinking: p.text, signature: p.signature };
      return undefined;
    case 'tool_call':
      return {
        type: 'tool_use',
        id: wireToolId(p.id),
        name: names.wireName(p.name, p.namespace, p.toolKind),
        input: toolInputObject(p.arguments, p.toolKind),
      };
    case 'opaque':
      return p.dialect === DIALECT ? (p.value as AnthropicBlock) : undefined;
    case 'image':
    case 'document':
    case 'tool_result':
      return undefined;
  }
}

function textBlock(p: IrTextPart): AnthropicBlock | undefined {
  return p.text.trim() === '' ? undefined : { type: 'text', text: p.text, ...cache(p.cacheControl) };
}

function imageBlock(p: IrImagePart): AnthropicBlock {
  const source =
    p.source.kind === 'base64'
      ? { type: 'base64', media_type: p.source.mediaType, data: p.source.data }
      : { type: 'url', url: p.source.url };
  return { type: 'image', source, ...cache(p.cacheControl) };
}

/** A lone text result without a cache marker is sent as a string, as Claude Code sends it. */
function toolResultBlock(p: IrToolResultPart): AnthropicBlock {
  let content: string | AnthropicBlock[] | undefined;
  const only = p.content.length === 1 ? p.content[0] : undefined;
  if (only?.type === 'text' && only.cacheControl === undefined) content = only.text;
  else {
    const blocks = p.content.map((c) => (c.type === 'text' ? textBlock(c) : imageBlock(c))).filter((b) => b !== undefined);
    if (blocks.length > 0) content = blocks;
  }
  return {
    type: 'tool_result',
    tool_use_id: wireToolId(p.callId),
    ...(content === undefined ? {} : { content }),
    ...(p.isError === undefined ? {} : { is_error: p.isError }),
    ...cache(p.cacheControl),
  };
}

/**
 * Makes every assistant `tool_use` answered in the next user message (results first) and turns
 * results that answer nothing into text. `messages` already alternate.
 */
function pairToolResults(messages: AnthropicMessage[]): AnthropicMessage[] {
  const out: AnthropicMessage[] = [];
  let pending: string[] = []; // tool_use ids of the previous assistant message
  for (const m of messages) {
    if (m.role === 'assistant') {
      if (pending.length > 0) out.push({ role: 'user', content: pending.map(interrupted) });
      out.push(m);
      pending = m.content.filter((b) => b.type === 'tool_use').map((b) => String(b.id));
      continue;
    }
    const open = new Set(pending);
    const results: AnthropicBlock[] = [];
    const rest: AnthropicBlock[] = [];
    for (const b of m.content) {
      if (b.type !== 'tool_result') rest.push(b);
      else if (open.delete(String(b.tool_use_id))) results.push(b);
      else rest.push(...resultAsText(b));
    }
    for (const id of pending) if (open.has(id)) results.push(interrupted(id));
    out.push({ role: 'user', content: [...results, ...rest] });
    pending = [];
  }
  if (pending.length > 0) out.push({ role: 'user', content: pending.map(interrupted) });
  return out;
}

function interrupted(id: string): AnthropicBlock {
  return { type: 'tool_result', tool_use_id: id, content: INTERRUPTED_RESULT, is_error: true };
}

/** A tool result whose call is not in the previous assistant turn, kept as readable user content. */
function resultAsText(b: AnthropicBlock): AnthropicBlock[] {
  const head = `[Result of tool call ${String(b.tool_use_id)}${b.is_error === true ? ' (error)' : ''}]`;
  if (typeof b.content === 'string') return [{ type: 'text', text: b.content ? `${head}\n${b.content}` : head }];
  const blocks = Array.isArray(b.content) ? (b.content as AnthropicBlock[]) : [];
  const text = blocks.filter((c) => c.type === 'text').map((c) => String(c.text));
  return [{ type: 'text', text: [head, ...text].join('\n') }, ...blocks.filter((c) => c.type !== 'text')];
}

/** Anthropic rejects a final (prefill) assistant text that ends in whitespace. */
function trimFinalAssistant(messages: AnthropicMessage[]): void {
  const last = messages.at(-1);
  if (last?.role !== 'assistant') return;
  const block = last.content.at(-1);
  if (block?.type === 'text' && typeof block.text === 'string') block.text = block.text.trimEnd();
}

const TOOL_ID = /^[a-zA-Z0-9_-]+$/;

/**
 * A tool-use id Anthropic accepts (`^[a-zA-Z0-9_-]+$`). Ids from other providers may carry
 * other characters; the same id always maps to the same wire id, so calls and results agree.
 */
export function wireToolId(id: string): string {
  if (TOOL_ID.test(id)) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${id.replace(/[^a-zA-Z0-9_-]/g, '_')}_${hash}`;
}

function cache(cacheControl: unknown): { cache_control?: unknown } {
  return cacheControl === undefined ? {} : { cache_control: cacheControl };
}

function title(t: string | undefined): { title?: string } {
  return t === undefined ? {} : { title: t };
}
