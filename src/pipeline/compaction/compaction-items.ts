/**
 * @module pipeline/compaction/compaction-items
 * Codex's remote-compaction input items inside the IR (wire-contract §1.1.2, §2.1.1). The
 * Responses codec keeps `compaction`, `compaction_summary` and `compaction_trigger` items
 * as opaque parts of a user message; this module finds them and expands a compaction
 * item back into the summary it stands for, so any upstream model can read it.
 */
import type { IrMessage, IrOpaquePart, IrPart, IrRequest } from '../../ir/types.js';
import { decodeCompactionBlob } from './compaction-blob.js';
import { SUMMARY_PREFIX, UNREADABLE_SUMMARY_NOTE } from './compaction-prompts.js';

type Item = Record<string, unknown>;

function responsesItem(part: IrPart): Item | undefined {
  if (part.type !== 'opaque' || part.dialect !== 'openai-responses') return undefined;
  const v = part.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Item) : undefined;
}

/** `compaction` or its alias `compaction_summary` (codex-rs/protocol/src/models.rs). */
export function isCompactionItem(part: IrPart): part is IrOpaquePart {
  const t = responsesItem(part)?.type;
  return t === 'compaction' || t === 'compaction_summary';
}

export function isCompactionTrigger(part: IrPart): part is IrOpaquePart {
  return responsesItem(part)?.type === 'compaction_trigger';
}

export interface ExpandResult {
  req: IrRequest;
  /** Items of Lynkr's own that became summary text. */
  expanded: number;
  /** Foreign items replaced by a note. */
  unreadable: number;
}

/**
 * Replaces every compaction item with a user text part carrying its summary (Lynkr's
 * blobs) or a short note (anything else). With `keepForeign`, foreign items stay as they
 * are (an upstream that speaks Responses reads its own). The same request object comes
 * back when nothing changed.
 */
export function expandCompactionItems(req: IrRequest, { keepForeign = false } = {}): ExpandResult {
  let expanded = 0;
  let unreadable = 0;
  let changed = false;
  const messages = req.messages.map((m): IrMessage => {
    if (!m.parts.some(isCompactionItem)) return m;
    const parts = m.parts.map((p): IrPart => {
      if (!isCompactionItem(p)) return p;
      const summary = decodeCompactionBlob(responsesItem(p)?.encrypted_content);
      if (summary !== undefined) {
        expanded++;
        changed = true;
        return { type: 'text', text: SUMMARY_PREFIX + summary };
      }
      if (keepForeign) return p;
      unreadable++;
      changed = true;
      return { type: 'text', text: UNREADABLE_SUMMARY_NOTE };
    });
    return { ...m, parts };
  });
  return { req: changed ? { ...req, messages } : req, expanded, unreadable };
}
