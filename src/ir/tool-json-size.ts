/**
 * @module ir/tool-json-size
 * The size of a tool definition as JSON text, computed once per tool object. Token
 * estimates, the context-window bound and schema compaction all measure tools this way;
 * Codex sends about 20 KB of tool definitions on every turn, and serialising them again
 * for each measure cost more than the measures themselves (docs/performance.md).
 * Tool objects are never changed after decoding, so the memo cannot go stale.
 */
import type { IrTool } from './types.js';

export interface JsonSize {
  /** UTF-16 code units of `JSON.stringify(tool)` (what ≈4-chars-a-token estimates use). */
  chars: number;
  /** UTF-8 bytes of the same text (an upper bound for BPE tokens). */
  bytes: number;
}

const SIZES = new WeakMap<IrTool, JsonSize>();

export function toolJsonSize(tool: IrTool): JsonSize {
  let size = SIZES.get(tool);
  if (!size) {
    const json = JSON.stringify(tool);
    size = { chars: json.length, bytes: Buffer.byteLength(json, 'utf8') };
    SIZES.set(tool, size);
  }
  return size;
}

/** Records the size of `tool`, known to equal one measured before (the same definition in another request). */
export function rememberToolSize(tool: IrTool, size: JsonSize): void {
  if (!SIZES.has(tool)) SIZES.set(tool, size);
}
