/**
 * @module pipeline/compaction/compaction-stage
 * Compaction as a pipeline stage (wire-contract §1.1.2):
 * - a later request carrying `compaction` / `compaction_summary` items gets each one
 *   expanded back into a user message with its summary; a foreign item Lynkr cannot read
 *   is dropped with a note (and a log line);
 * - a request ending with `compaction_trigger` (remote compaction v2) is answered with
 *   exactly one `compaction` item summarising the history (`remote-compaction.ts`).
 * Codex's *local* compaction (`tools: []`, `tool_choice: "auto"`) needs nothing here: it is a
 * normal turn, and every egress codec drops `tool_choice` when no tools remain.
 * When the upstream itself speaks Responses (the pass-through fast path), it compacts
 * natively and reads its own items, so only Lynkr's own blobs are expanded.
 */
import type { PipelineStage } from '../stage.js';
import { expandCompactionItems } from './compaction-items.js';
import { emitCompactionItem, summarisationRequest } from './remote-compaction.js';

const STATE_KEY = 'compaction';

export const compactionStage: PipelineStage = {
  name: 'compaction',
  beforeCall(req, ctx) {
    if (ctx.ingress !== 'openai-responses') return req;
    const native = ctx.passthroughCandidate;
    const { req: expanded, expanded: count, unreadable } = expandCompactionItems(req, { keepForeign: native });
    if (count > 0 || unreadable > 0) {
      ctx.services.log.info({ requestId: ctx.requestId, expanded: count, unreadable }, 'compaction items expanded');
    }
    if (unreadable > 0) {
      ctx.services.log.warn({ requestId: ctx.requestId, unreadable }, 'dropped compaction items from another provider (their summary is encrypted)');
    }
    if (native) return expanded;
    const summarise = summarisationRequest(expanded);
    if (!summarise) return expanded;
    ctx.state.set(STATE_KEY, true);
    ctx.services.log.info({ requestId: ctx.requestId, messages: summarise.messages.length }, 'remote compaction: summarising the history');
    return summarise;
  },
  transformStream(events, _req, ctx) {
    return ctx.state.get(STATE_KEY) === true ? emitCompactionItem(events) : events;
  },
};
