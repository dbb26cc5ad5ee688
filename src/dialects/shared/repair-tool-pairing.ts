/**
 * @module dialects/shared/repair-tool-pairing
 * Makes tool history acceptable to strict chat upstreams (wire-contract §6.4): every
 * assistant tool call is answered, in call order, by the tool message directly after it,
 * and every tool result answers a call of the assistant message directly before it.
 * - A call without a result before the next user/assistant message gets a synthesized
 *   result "(no result: the tool call was interrupted)" (Claude Code interrupts, Codex
 *   compaction).
 * - A result whose call id is not in the preceding assistant message (an orphan) becomes
 *   user text "Tool result (call X): …", so its information is kept.
 * Pure IR → IR; the chat and Ollama encoders render the result.
 *
 * @example
 * repairToolPairing([assistantWithCall('c1'), { role: 'user', parts: [text('go on')] }]);
 * // → assistant, tool(c1: "(no result: the tool call was interrupted)"), user
 */
import type { IrImagePart, IrMessage, IrPart, IrTextPart, IrToolCallPart, IrToolResultPart } from '../../ir/types.js';
import { toolResultText } from './tool-result-content.js';

/** The text of a result synthesized for an unanswered call. */
export const INTERRUPTED_RESULT_TEXT = '(no result: the tool call was interrupted)';

export function repairToolPairing(messages: readonly IrMessage[]): IrMessage[] {
  const out: IrMessage[] = [];
  let i = 0;
  while (i < messages.length) {
    const m = messages[i];
    if (m.role !== 'assistant' && m.role !== 'tool') {
      out.push(m);
      i++;
      continue;
    }
    const calls = m.role === 'assistant' ? m.parts.filter((p): p is IrToolCallPart => p.type === 'tool_call') : [];
    if (m.role === 'assistant') {
      out.push(m);
      i++;
    }
    // Gather every tool message that follows (consecutive ones answer the same turn).
    const results: IrToolResultPart[] = [];
    const stray: IrPart[] = [];
    for (; i < messages.length && messages[i].role === 'tool'; i++) {
      for (const p of messages[i].parts) {
        if (p.type === 'tool_result') results.push(p);
        else stray.push(p);
      }
    }
    const byId = new Map<string, IrToolResultPart>();
    const orphans: IrToolResultPart[] = [];
    const callIds = new Set(calls.map((c) => c.id));
    for (const r of results) {
      if (callIds.has(r.callId) && !byId.has(r.callId)) byId.set(r.callId, r);
      else orphans.push(r);
    }
    if (calls.length > 0) {
      out.push({ role: 'tool', parts: calls.map((c) => byId.get(c.id) ?? interruptedResult(c)) });
    }
    const userParts = [...orphans.flatMap(orphanParts), ...stray];
    if (userParts.length > 0) out.push({ role: 'user', parts: userParts });
  }
  return out;
}

function interruptedResult(call: IrToolCallPart): IrToolResultPart {
  return {
    type: 'tool_result',
    callId: call.id,
    name: call.name,
    toolKind: call.toolKind,
    content: [{ type: 'text', text: INTERRUPTED_RESULT_TEXT }],
  };
}

function orphanParts(r: IrToolResultPart): Array<IrTextPart | IrImagePart> {
  const images = r.content.filter((p): p is IrImagePart => p.type === 'image');
  return [{ type: 'text', text: `Tool result (call ${r.callId}): ${toolResultText(r)}` }, ...images];
}
