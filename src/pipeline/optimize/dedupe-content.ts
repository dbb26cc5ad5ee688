/**
 * @module pipeline/optimize/dedupe-content
 * Removes duplicated content: a tool result or user text of at least `minChars` characters
 * that is identical to one earlier in the conversation (the same file read twice, the same
 * test run repeated) is replaced by a short reference to the earlier copy. Only later copies
 * change and each decision depends only on what came before, so appending new turns never
 * changes an earlier message: the history prefix stays stable.
 */
import { createHash } from 'node:crypto';
import type { IrPart, IrRequest, IrToolResultPart } from '../../ir/types.js';
import { callsById, callSummary } from './clear-tool-results.js';

export interface DedupeOptions {
  minChars: number;
}

export const DEDUPE_DEFAULTS: DedupeOptions = { minChars: 400 };

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The whole text of a tool result made only of text, else undefined (images are never compared). */
function resultText(p: IrToolResultPart): string | undefined {
  return p.content.every((c) => c.type === 'text') ? p.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n') : undefined;
}

export interface DedupeResult {
  req: IrRequest;
  /** Parts replaced by a reference. */
  deduped: number;
}

export function dedupeContent(req: IrRequest, { minChars }: DedupeOptions = DEDUPE_DEFAULTS): DedupeResult {
  const calls = callsById(req.messages);
  /** digest → how the first copy is referred to */
  const seen = new Map<string, string>();
  let deduped = 0;
  const messages = req.messages.map((m) => {
    let changed = false;
    const parts = m.parts.map((p): IrPart => {
      if (p.type === 'tool_result') {
        const text = resultText(p);
        if (text === undefined || text.length < minChars) return p;
        const key = digest(text);
        const earlier = seen.get(key);
        if (!earlier) {
          seen.set(key, `the output of \`${callSummary(calls.get(p.callId), p)}\``);
          return p;
        }
        changed = true;
        deduped++;
        return { ...p, content: [{ type: 'text', text: `[Lynkr: identical to ${earlier} earlier in this conversation (${text.length} characters); omitted to save context.]` }] };
      }
      if (p.type === 'text' && m.role === 'user' && p.text.length >= minChars) {
        const key = digest(p.text);
        const earlier = seen.get(key);
        if (!earlier) {
          seen.set(key, 'a user message');
          return p;
        }
        changed = true;
        deduped++;
        return { ...p, text: `[Lynkr: identical to ${earlier} earlier in this conversation (${p.text.length} characters); omitted to save context.]` };
      }
      return p;
    });
    return changed ? { ...m, parts } : m;
  });
  return deduped > 0 ? { req: { ...req, messages }, deduped } : { req, deduped: 0 };
}
