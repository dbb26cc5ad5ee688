/**
 * @module dialects/bedrock-converse/encode-messages
 * IR messages → Converse `messages` (wire-contract §6.3 "Bedrock Converse specifics", §6.4):
 * - tool pairing is repaired first (every `toolUse` answered in the next user message,
 *   orphan results kept as text), so Claude on Bedrock never sees a dangling call;
 * - roles alternate and start with user: `tool` results and mid-conversation `system`
 *   messages (as `<system-reminder>` text, in place) are user content, and same-role
 *   neighbours are merged, tool results first;
 * - blank text blocks are dropped, messages left empty are skipped, a final assistant
 *   (prefill) text loses its trailing whitespace;
 * - `toolUse.input` is always an object; names go through the request's ToolNameMap;
 * - signed reasoning (Claude's, received from Bedrock or echoed by an Anthropic client) is
 *   sent back byte-exact to Claude models only; other reasoning is dropped;
 * - Anthropic `cache_control` markers become `cachePoint` blocks where the model takes them.
 */
import type { ToolNameMap } from '../../ir/tool-names.js';
import type { IrMessage, IrPart, IrReasoningPart } from '../../ir/types.js';
import { toolInputObject } from '../anthropic-messages/tool-input.js';
import { alternateRoles } from '../shared/alternate-roles.js';
import { repairToolPairing } from '../shared/repair-tool-pairing.js';
import { systemReminder } from '../shared/system-reminder.js';
import type { CachePoints } from './cache-points.js';
import { PLACEHOLDER_TEXT, converseToolId, documentBlock, imageBlock, textBlock, toolResultBlock } from './encode-content.js';
import type { ConverseBlock, ConverseMessage } from './wire-types.js';

export interface MessageOptions {
  toolNames: ToolNameMap;
  /** The target is an Anthropic Claude model (signed reasoning, `status` on tool results). */
  claude: boolean;
  cachePoints: CachePoints;
}

/** Providers whose signed reasoning a Claude model on Bedrock accepts back. */
const SIGNED_REASONING_PROVIDERS = new Set(['bedrock', 'anthropic']);

export function encodeMessages(messages: readonly IrMessage[], opts: MessageOptions): ConverseMessage[] {
  const documentNames = new Set<string>();
  const out: ConverseMessage[] = alternateRoles(repairToolPairing(mergeAssistantRuns(messages)), (m) => encodeParts(m, opts, documentNames));
  if (out[0]?.role !== 'user') out.unshift({ role: 'user', content: [{ text: PLACEHOLDER_TEXT }] });
  trimFinalAssistant(out);
  return out;
}

/** Consecutive assistant messages are one turn: their calls must be answered together. */
function mergeAssistantRuns(messages: readonly IrMessage[]): IrMessage[] {
  const out: IrMessage[] = [];
  for (const m of messages) {
    const prev = out.at(-1);
    if (m.role === 'assistant' && prev?.role === 'assistant') out[out.length - 1] = { role: 'assistant', parts: [...prev.parts, ...m.parts] };
    else out.push(m);
  }
  return out;
}

function encodeParts(m: IrMessage, opts: MessageOptions, documentNames: Set<string>): ConverseBlock[] {
  if (m.role === 'system') {
    const reminder = systemReminder(m.parts);
    if (!reminder) return [];
    const blocks: ConverseBlock[] = [{ text: reminder.text }];
    if (reminder.parts.some((p) => p.cacheControl !== undefined)) blocks.push(...opts.cachePoints.take());
    return blocks;
  }
  const out: ConverseBlock[] = [];
  for (const p of m.parts) {
    const block = m.role === 'assistant' ? assistantBlock(p, opts) : userBlock(p, opts, documentNames);
    if (!block) continue;
    out.push(block);
    if ('cacheControl' in p && p.cacheControl !== undefined) out.push(...opts.cachePoints.take());
  }
  return out;
}

function userBlock(p: IrPart, opts: MessageOptions, documentNames: Set<string>): ConverseBlock | undefined {
  switch (p.type) {
    case 'text':
      return textBlock(p);
    case 'image':
      return imageBlock(p);
    case 'document':
      return documentBlock(p, documentNames);
    case 'tool_result':
      return toolResultBlock(p, { statusField: opts.claude });
    case 'tool_call':
    case 'reasoning':
    case 'opaque':
      return undefined;
  }
}

function assistantBlock(p: IrPart, opts: MessageOptions): ConverseBlock | undefined {
  switch (p.type) {
    case 'text':
      return textBlock(p);
    case 'reasoning':
      return opts.claude ? reasoningBlock(p) : undefined;
    case 'tool_call':
      return {
        toolUse: {
          toolUseId: converseToolId(p.id),
          name: opts.toolNames.wireName(p.name, p.namespace, p.toolKind),
          input: toolInputObject(p.arguments, p.toolKind),
        },
      };
    case 'image':
    case 'document':
    case 'tool_result':
    case 'opaque':
      return undefined;
  }
}

/** Claude's signed reasoning, byte-exact; unsigned or foreign reasoning cannot be sent back. */
function reasoningBlock(p: IrReasoningPart): ConverseBlock | undefined {
  if (!SIGNED_REASONING_PROVIDERS.has(p.provider ?? '')) return undefined;
  if (p.redactedData) return { reasoningContent: { redactedContent: p.redactedData } };
  if (!p.signature) return undefined;
  return { reasoningContent: { reasoningText: { text: p.text, signature: p.signature } } };
}

/** A final assistant (prefill) text may not end in whitespace. */
function trimFinalAssistant(messages: ConverseMessage[]): void {
  const last = messages.at(-1);
  if (last?.role !== 'assistant') return;
  const block = last.content.at(-1);
  if (!block || !('text' in block)) return;
  const text = block.text.trimEnd();
  if (text) block.text = text;
  else last.content.pop();
  if (last.content.length === 0) messages.pop();
}
