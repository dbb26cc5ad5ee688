/**
 * @module ir/helpers
 * Small pure helpers over the IR shared by codecs and stages.
 */
import { toolJsonSize } from './tool-json-size.js';
import { randomBytes } from 'node:crypto';
import type { IrMessage, IrPart, IrRequest, IrTextPart, IrUsage } from './types.js';

/** A random id with a prefix, e.g. `newId('call')` → `call_3f9a…`. */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}_${randomHex(bytes * 2)}`;
}

// Ids are drawn from a pooled buffer of random bytes: one synchronous randomBytes call per
// 4 KiB instead of one per id (it showed up in the request profile, docs/performance.md).
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;
function randomHex(chars: number): string {
  const bytes = Math.ceil(chars / 2);
  if (offset + bytes > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes).slice(0, chars);
  offset += bytes;
  return hex;
}

/** The text of all text parts, joined with `sep`. */
export function textOf(parts: readonly IrPart[], sep = '\n'): string {
  return parts
    .filter((p): p is IrTextPart => p.type === 'text')
    .map((p) => p.text)
    .join(sep);
}

/**
 * Merges leading system parts and every mid-conversation `system` message into one
 * leading system text, for upstreams that accept a single leading system message
 * (most chat templates reject late or repeated system messages).
 */
export function hoistSystem(req: Pick<IrRequest, 'system' | 'messages'>): { system: string; messages: IrMessage[] } {
  const texts = req.system.map((p) => p.text);
  const messages: IrMessage[] = [];
  for (const m of req.messages) {
    if (m.role === 'system') {
      const t = textOf(m.parts);
      if (t) texts.push(t);
    } else messages.push(m);
  }
  return { system: texts.filter((t) => t.length > 0).join('\n\n'), messages };
}

/** Rough token estimate (≈ 4 characters a token) for when no tokenizer or upstream count is available. */
export function estimateTokensFromChars(chars: number): number {
  return Math.ceil(chars / 4);
}

/** Estimates the prompt size of a request in tokens (≈ chars/4 over everything sent). */
export function estimateRequestTokens(req: IrRequest): number {
  let chars = 0;
  for (const p of req.system) chars += p.text.length;
  for (const m of req.messages) chars += partsChars(m.parts);
  for (const t of req.tools) chars += toolJsonSize(t).chars;
  return estimateTokensFromChars(chars);
}

function partsChars(parts: readonly IrPart[]): number {
  let n = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        n += p.text.length;
        break;
      case 'tool_call':
        n += p.name.length + p.arguments.length;
        break;
      case 'tool_result':
        n += partsChars(p.content);
        break;
      case 'reasoning':
        n += p.text.length;
        break;
      case 'image':
        n += 3000; // images cost roughly a thousand tokens, whatever their bytes
        break;
      case 'document':
        n += (p.text?.length ?? 0) + (p.data ? 6000 : 0);
        break;
      case 'opaque':
        break;
    }
  }
  return n;
}

/** Usage with every field an integer. */
export function normalizeUsage(u: IrUsage): IrUsage {
  const int = (v: number | undefined) => (v === undefined ? undefined : Math.max(0, Math.round(v)));
  return {
    inputTokens: int(u.inputTokens) ?? 0,
    outputTokens: int(u.outputTokens) ?? 0,
    cachedInputTokens: int(u.cachedInputTokens),
    cacheWriteInputTokens: int(u.cacheWriteInputTokens),
    reasoningTokens: int(u.reasoningTokens),
    estimated: u.estimated,
  };
}

/** Parses a data URL `data:<mediaType>;base64,<data>`; undefined when it is not one. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const m = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (!m) return undefined;
  return { mediaType: m[1] ?? 'application/octet-stream', data: m[2] };
}
