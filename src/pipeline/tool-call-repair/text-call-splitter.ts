/**
 * @module pipeline/tool-call-repair/text-call-splitter
 * Splits one text block's deltas into text that can be released at once and a held tail
 * that may still turn out to be tool calls written as text. A candidate starts at `<`
 * anywhere, or at `{`, `[` or a ``` fence at the start of a line; from there the text is
 * handed to a `SegmentScanner` and held only until it says "not a call". Everything else
 * streams through unchanged, so ordinary answers keep their live streaming.
 */
import { isOpenerChar, SegmentScanner, type Segment } from './segment-scanner.js';

/** Held text beyond this is released as text: no model writes a tool call this long. */
export const MAX_HELD_CHARS = 1_000_000;

export class TextCallSplitter {
  #scanner: SegmentScanner | undefined;
  #lineStart = true;

  constructor(private readonly maxHeld = MAX_HELD_CHARS) {}

  /** Feeds a delta; returns the text that is certainly text (possibly empty). */
  push(delta: string): string {
    let out = '';
    let input = delta;
    while (input.length > 0) {
      if (!this.#scanner) {
        const i = this.#findCandidate(input);
        if (i < 0) return out + input;
        out += input.slice(0, i);
        input = input.slice(i);
        this.#scanner = new SegmentScanner();
      }
      const result = this.#scanner.push(input);
      input = '';
      if (result.status === 'maybe' && this.#scanner.text.length <= this.maxHeld) break;
      const text = this.#scanner.text;
      const at = result.status === 'text' ? result.at : text.length;
      this.#scanner = undefined;
      const released = text.slice(0, at);
      out += released;
      this.#lineStart = /\n[ \t]*$/.test(released);
      // The rest is ordinary text again and may hold a later candidate.
      input = text.slice(at);
    }
    return out;
  }

  /** The text held back so far. */
  get held(): string {
    return this.#scanner?.text ?? '';
  }

  /** Ends the block: the held text and, when it is a sequence of call segments, those segments. */
  finish(): { held: string; segments?: Segment[] } {
    const scanner = this.#scanner;
    this.#scanner = undefined;
    this.#lineStart = true;
    if (!scanner) return { held: '' };
    return { held: scanner.text, segments: scanner.finish() };
  }

  /** Index of the first candidate opener in `input`, tracking line starts across deltas. */
  #findCandidate(input: string): number {
    for (let i = 0; i < input.length; i++) {
      const c = input[i];
      if (c === '\n') {
        this.#lineStart = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '<' || (this.#lineStart && isOpenerChar(c))) return i;
      this.#lineStart = false;
    }
    return -1;
  }
}
