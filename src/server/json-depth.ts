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
/**
 * True when `body` nests objects and arrays deeper than `limit`. Brackets inside strings do
 * not count; a string is skipped with Buffer's native search for its closing quote, as most
 * of a model request's bytes are string contents (prompts, descriptions).
 */
export function exceedsJsonDepth(body: Uint8Array, limit: number = MAX_JSON_DEPTH): boolean {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      i = closingQuote(bytes, i);
      if (i < 0) return false; // an unterminated string: JSON.parse rejects the body
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** Index of the quote closing the string opened at `open` (one not escaped by an odd run of backslashes), or -1. */
function closingQuote(bytes: Buffer, open: number): number {
  let j = open;
  while (true) {
    j = bytes.indexOf(QUOTE, j + 1);
    if (j < 0) return -1;
    let backslashes = 0;
    for (let k = j - 1; k > open && bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}
