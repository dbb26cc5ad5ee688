/**
 * @module pipeline/compaction/remote-compaction
 * Codex's remote compaction v2 (wire-contract §1.1.2; codex-rs/core/src/compact_remote_v2.rs),
 * which Codex uses when the built-in OpenAI provider points at Lynkr. The request is a
 * normal streamed turn whose last input item is `{"type":"compaction_trigger"}`; the answer
 * must be exactly one `compaction` output item, then `response.completed`.
 *
 * Lynkr asks the upstream model for a handoff summary of the history (tools stripped, in
 * Codex's own compaction words) and answers with one item whose `encrypted_content` is its
 * own blob (`compaction-blob.ts`). The item travels as an IR `opaque` event of the
 * Responses dialect, which the Responses encoder emits verbatim (added + done).
 */
import { newId } from '../../ir/helpers.js';
import type { IrRequest, IrStream, IrStreamEvent } from '../../ir/types.js';
import { encodeCompactionBlob } from './compaction-blob.js';
import { isCompactionTrigger } from './compaction-items.js';
import { SUMMARY_REQUEST } from './compaction-prompts.js';

/**
 * The summarisation request for a request that ends with a `compaction_trigger`, else
 * undefined: the history without the trigger, no tools, then the summary request.
 */
export function summarisationRequest(req: IrRequest): IrRequest | undefined {
  const last = req.messages[req.messages.length - 1];
  const trigger = last?.role === 'user' ? last.parts[last.parts.length - 1] : undefined;
  if (!trigger || !isCompactionTrigger(trigger)) return undefined;
  const rest = last.parts.filter((p) => !isCompactionTrigger(p));
  const history = rest.length > 0 ? [...req.messages.slice(0, -1), { ...last, parts: rest }] : req.messages.slice(0, -1);
  return {
    ...req,
    messages: [...history, { role: 'user', parts: [{ type: 'text', text: SUMMARY_REQUEST }] }],
    tools: [],
    toolChoice: undefined,
    parallelToolCalls: undefined,
    responseFormat: undefined,
  };
}

/** The `compaction` output item for a summary. */
export function compactionItem(summary: string): Record<string, unknown> {
  return { type: 'compaction', id: newId('cmp'), encrypted_content: encodeCompactionBlob(summary) };
}

/**
 * Turns the summarising model's answer into exactly one `compaction` item: its text is
 * collected (not shown), anything else it produced is dropped; liveness, usage and errors
 * pass through. A summary cut off by the output limit is still a summary, so the turn
 * completes (`response.incomplete` would be fatal to Codex).
 */
export async function* emitCompactionItem(events: IrStream): AsyncGenerator<IrStreamEvent> {
  let summary = '';
  for await (const ev of events) {
    switch (ev.type) {
      case 'text-delta':
        summary += ev.delta;
        break;
      case 'start':
      case 'usage':
      case 'keepalive':
      case 'error':
        yield ev;
        break;
      case 'finish':
        yield { type: 'opaque', dialect: 'openai-responses', value: compactionItem(summary.trim()) };
        yield { ...ev, reason: 'stop', rawReason: ev.rawReason };
        return;
      default:
        // text-start/end, reasoning, tool calls, opaque items of the upstream: not part of the one item.
        break;
    }
  }
}
