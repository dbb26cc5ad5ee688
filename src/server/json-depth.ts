/**
 * @module server/json-depth
 * A limit on how deeply a request body's JSON may nest. `JSON.parse` accepts any depth, but
 * Lynkr walks and re-serialises bodies recursively (tool schemas, tool inputs, the upstream
 * request), and a few thousand levels exhaust the stack: a hostile body must get a 400, not a
 * 500 (issue 6, "bad input"). Real requests stay far below the limit — the deepest JSON Schema
 * in the captured Codex and Claude Code requests is about a dozen levels.
 */

/** Deepest nesting of objects and arrays accepted in a request body. */
export const MAX_JSON_DEPTH = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * True when the JSON text nests objects/arrays deeper than `limit` (brackets inside strings do
 * not count). One pass over the bytes; malformed JSON is left to the parser.
 * @example
 * exceedsJsonDepth(Buffer.from('[[[1]]]'), 2) // true
 */
export function exceedsJsonDepth(body: Uint8Array, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}
