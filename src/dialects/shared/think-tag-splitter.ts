/**
 * @module dialects/shared/think-tag-splitter
 * Splits inline `<think>…</think>` reasoning at the START of streamed content from the
 * answer text. R1 distills, QwQ and Qwen served without a reasoning parser put their
 * reasoning in `content` this way (wire-contract §6.2). Tags may be split across chunks
 * at any character. Content that does not start with `<think>` (leading whitespace
 * allowed) passes straight through: at most the 7 characters of a possible opening tag
 * are held back.
 *
 * @example
 * const s = new ThinkTagSplitter();
 * s.push('<thi');            // []
 * s.push('nk>plan</think>'); // [{ kind: 'reasoning', text: 'plan' }]
 * s.push('\nHello');         // [{ kind: 'text', text: 'Hello' }]
 * s.flush();                 // []
 */

const OPEN = '<think>';
const CLOSE = '</think>';

export interface ThinkSegment {
  kind: 'reasoning' | 'text';
  text: string;
}

type State = 'detect' | 'reasoning' | 'after-close' | 'text';

export class ThinkTagSplitter {
  #state: State = 'detect';
  #buffer = '';

  /** Feeds one content chunk; returns the segments that are now certain. */
  push(chunk: string): ThinkSegment[] {
    if (chunk.length === 0) return [];
    const out: ThinkSegment[] = [];
    this.#consume(chunk, out);
    return out;
  }

  /** Ends the input: whatever is held back is released (an unterminated think stays reasoning). */
  flush(): ThinkSegment[] {
    const rest = this.#buffer;
    this.#buffer = '';
    if (rest.length === 0) return [];
    if (this.#state === 'reasoning') return [{ kind: 'reasoning', text: rest }];
    return [{ kind: 'text', text: rest }];
  }

  #consume(chunk: string, out: ThinkSegment[]): void {
    switch (this.#state) {
      case 'text':
        emit(out, 'text', chunk);
        return;
      case 'detect': {
        const buf = this.#buffer + chunk;
        const trimmed = buf.trimStart();
        if (trimmed.startsWith(OPEN)) {
          this.#state = 'reasoning';
          this.#buffer = '';
          this.#consume(trimmed.slice(OPEN.length), out);
        } else if (OPEN.startsWith(trimmed)) {
          this.#buffer = buf; // still a possible opening tag (or only whitespace so far)
        } else {
          this.#state = 'text';
          this.#buffer = '';
          emit(out, 'text', buf);
        }
        return;
      }
      case 'reasoning': {
        const buf = this.#buffer + chunk;
        const end = buf.indexOf(CLOSE);
        if (end >= 0) {
          emit(out, 'reasoning', buf.slice(0, end));
          this.#state = 'after-close';
          this.#buffer = '';
          this.#consume(buf.slice(end + CLOSE.length), out);
          return;
        }
        const keep = partialSuffix(buf, CLOSE);
        emit(out, 'reasoning', buf.slice(0, buf.length - keep));
        this.#buffer = buf.slice(buf.length - keep);
        return;
      }
      case 'after-close': {
        // The answer usually follows "</think>\n\n": drop that separator.
        const rest = chunk.trimStart();
        if (rest.length === 0) return;
        this.#state = 'text';
        emit(out, 'text', rest);
        return;
      }
    }
  }
}

function emit(out: ThinkSegment[], kind: ThinkSegment['kind'], text: string): void {
  if (text.length > 0) out.push({ kind, text });
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (tag.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}
