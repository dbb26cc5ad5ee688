/**
 * @module pipeline/optimize/dedupe-content
 * Removes duplicated content: a tool result or user text whose body (at least `minChars`
 * characters) is identical to one earlier in the conversation (the same file read twice, the
 * same test run repeated) is replaced by a short reference to the earlier copy. A few leading
 * lines may differ and are kept (Codex heads every command output with its own chunk id and
 * wall time). Only later copies change and each decision depends only on what came before, so
 * appending new turns never changes an earlier message: the history prefix stays stable.
 */
import { createHash } from 'node:crypto';
import type { IrPart, IrRequest, IrToolResultPart } from '../../ir/types.js';
import { callsById, callSummary } from './clear-tool-results.js';

export interface DedupeOptions {
  minChars: number;
}

export const DEDUPE_DEFAULTS: DedupeOptions = { minChars: 400 };

/** Leading lines allowed to differ between two copies (a header with ids, timings, exit codes). */
const MAX_HEADER_LINES = 8;

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The whole text of a tool result made only of text, else undefined (images are never compared). */
function resultText(p: IrToolResultPart): string | undefined {
  return p.content.every((c) => c.type === 'text') ? p.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n') : undefined;
}

/** The text without its first k lines, for k = 0… while at least `minChars` remain: [header, body] pairs. */
function splits(text: string, minChars: number): Array<[header: string, body: string]> {
  const out: Array<[string, string]> = [];
  let offset = 0;
  for (let k = 0; k <= MAX_HEADER_LINES && text.length - offset >= minChars; k++) {
    out.push([text.slice(0, offset), text.slice(offset)]);
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return out;
}

export interface DedupeResult {
  req: IrRequest;
  /** Parts replaced by a reference. */
  deduped: number;
}

export function dedupeContent(req: IrRequest, { minChars }: DedupeOptions = DEDUPE_DEFAULTS): DedupeResult {
  const calls = callsById(req.messages);
  /** digest of a body → how its first copy is referred to */
  const seen = new Map<string, string>();
  let deduped = 0;

  /** The text with a body seen before replaced by a reference, or undefined (then its bodies are remembered). */
  const dedupe = (text: string, label: () => string): string | undefined => {
    const candidates = splits(text, minChars).map(([header, body]) => ({ header, body, key: digest(body) }));
    const match = candidates.find((c) => seen.has(c.key));
    if (match) {
      deduped++;
      const note = `[Lynkr: identical to ${seen.get(match.key)} earlier in this conversation (${match.body.length} characters); omitted to save context.]`;
      return `${match.header}${note}`;
    }
    const name = candidates.length > 0 ? label() : '';
    for (const c of candidates) if (!seen.has(c.key)) seen.set(c.key, name);
    return undefined;
  };

  const messages = req.messages.map((m) => {
    let changed = false;
    const parts = m.parts.map((p): IrPart => {
      if (p.type === 'tool_result') {
        const text = resultText(p);
        const replaced = text === undefined ? undefined : dedupe(text, () => `the output of \`${callSummary(calls.get(p.callId), p)}\``);
        if (replaced === undefined) return p;
        changed = true;
        return { ...p, content: [{ type: 'text', text: replaced }] };
      }
      if (p.type === 'text' && m.role === 'user') {
        const replaced = dedupe(p.text, () => 'a user message');
        if (replaced === undefined) return p;
        changed = true;
        return { ...p, text: replaced };
      }
      return p;
    });
    return changed ? { ...m, parts } : m;
  });
  return deduped > 0 ? { req: { ...req, messages }, deduped } : { req, deduped: 0 };
}
