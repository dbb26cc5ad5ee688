/**
 * @module pipeline/tool-call-repair/segment-scanner
 * Incremental scanner for text that might be tool calls written as text by a weak model
 * (wire-contract §6.2, last item: "Inline text tool calls … are not tool calls to Codex").
 * It is fed the text from a candidate opener onwards and answers, after each piece,
 * whether the text can still be a whitespace-separated sequence of call segments:
 *
 * - bare JSON: `{"name":…,"arguments":…}` or an array of such objects;
 * - a fenced block: ```` ```json\n{…}\n``` ```` (info string empty, json, tool_call, …);
 * - tags: `<tool_call>{…}</tool_call>` (Qwen, Hermes), `<function_call>{…}</function_call>`;
 * - `<function=name>{…}</function>` or `<function=name><parameter=k>v</parameter></function>`
 *   (Llama 3.x, Qwen3-Coder);
 * - markers followed by JSON: `[TOOL_CALLS]` (Mistral), `<|python_tag|>` (Llama 3.1).
 *
 * The scanner only finds segment boundaries; what a segment says is `parse-text-tool-calls.ts`'s
 * job. It decides "not a call" as early as the text allows (an unknown tag, a fence in a
 * programming language, text after a finished segment), so ordinary answers are held back
 * for a few characters at most. Linear in the text: every character is looked at once.
 */

/** A complete (or, at the end of the stream, unterminated) segment of the scanned text. */
export interface Segment {
  kind: 'json' | 'fence' | 'tag' | 'function' | 'marker';
  start: number;
  end: number;
  /** The content: the JSON itself, a fence's or tag's body (without the delimiters). */
  bodyStart: number;
  bodyEnd: number;
  /** `<function=name>`: the name. */
  name?: string;
}

/** `maybe`: still possibly calls. `text`: not calls; the text before `at` can be released as text. */
export type ScanStatus = { status: 'maybe' } | { status: 'text'; at: number };

const TAGS: ReadonlyArray<{ open: string; close: string }> = [
  { open: '<tool_call>', close: '</tool_call>' },
  { open: '<function_call>', close: '</function_call>' },
];
const FUNCTION_OPEN = '<function=';
const FUNCTION_CLOSE = '</function>';
const MARKERS = ['<|python_tag|>', '[TOOL_CALLS]'] as const;
const LITERAL_OPENERS = [...TAGS.map((t) => t.open), FUNCTION_OPEN, ...MARKERS];
const FENCE = '```';
/** Fence info strings that may hold a call; anything else (```bash, ```python) is code. */
const FENCE_INFOS = ['', 'json', 'json5', 'jsonc', 'tool_call', 'tool_code', 'tool', 'tools', 'function_call', 'xml'];
const FUNCTION_NAME = /^[A-Za-z0-9_.:\-]+$/;
/**
 * Keys a call object may start with. A JSON answer (`{"compilerOptions": …}`) fails on its
 * first key and streams on at once instead of being held until its closing brace.
 */
const CALL_KEYS = new Set(['name', 'tool', 'tool_name', 'function', 'type', 'id', 'arguments', 'parameters', 'args', 'input', 'tool_input', 'tool_calls', 'recipient_name']);
const KEY_WINDOW = 80;
const FIRST_KEY = /^\[?\s*\{\s*(["']?)([A-Za-z_][\w-]*)\1\s*:/;

/** Whether the head of a JSON segment opens a call-like object: decided once its first key is known. */
function firstKeyVerdict(head: string): 'ok' | 'fail' | 'more' {
  const m = FIRST_KEY.exec(head);
  if (m) return CALL_KEYS.has(m[2].toLowerCase()) ? 'ok' : 'fail';
  if (head.includes(':') || head.length >= KEY_WINDOW) return /^\[?\s*\{\s*\}/.test(head) ? 'ok' : 'fail';
  return 'more';
}

/** The characters that may open a segment anywhere (`<`) or at the start of a line (the others). */
export function isOpenerChar(c: string): boolean {
  return c === '{' || c === '[' || c === '`' || c === '<';
}

type State =
  | { kind: 'between' }
  | { kind: 'opener'; start: number }
  | { kind: 'json'; start: number; depth: number; quote: string | null; escape: boolean; keyChecked: boolean }
  | { kind: 'fence-info'; start: number; infoStart: number }
  | { kind: 'body'; seg: Omit<Segment, 'end' | 'bodyEnd'>; close: string; checked: boolean; searchFrom: number }
  | { kind: 'function-name'; start: number; nameStart: number };

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export class SegmentScanner {
  #text = '';
  #pos = 0;
  #state: State = { kind: 'between' };
  readonly #segments: Segment[] = [];
  #failed: number | undefined;

  /** Everything fed so far. */
  get text(): string {
    return this.#text;
  }

  /** Appends text and scans as far as it allows. */
  push(chunk: string): ScanStatus {
    if (this.#failed !== undefined) return { status: 'text', at: this.#failed };
    this.#text += chunk;
    const failedAt = this.#advance();
    if (failedAt !== undefined) {
      this.#failed = failedAt;
      return { status: 'text', at: failedAt };
    }
    return { status: 'maybe' };
  }

  /**
   * The end of the text: the segments, with an unterminated last one closed at the end
   * (a model often stops on `</tool_call>` as a stop word), or undefined when the text is
   * not a sequence of segments.
   */
  finish(): Segment[] | undefined {
    if (this.#failed !== undefined) return undefined;
    const end = this.#text.length;
    const s = this.#state;
    switch (s.kind) {
      case 'between':
        break;
      case 'json':
        this.#segments.push({ kind: 'json', start: s.start, end, bodyStart: s.start, bodyEnd: end });
        break;
      case 'body':
        if (!s.checked && this.#text.slice(s.seg.bodyStart).trim() !== '') return undefined;
        this.#segments.push({ ...s.seg, end, bodyEnd: end });
        break;
      case 'opener':
      case 'fence-info':
      case 'function-name':
        return undefined;
    }
    return this.#segments.some((seg) => seg.kind !== 'marker') ? [...this.#segments] : undefined;
  }

  /** Scans from #pos; returns the failure index, or undefined when it needs more text. */
  #advance(): number | undefined {
    const t = this.#text;
    while (this.#pos < t.length) {
      const s = this.#state;
      switch (s.kind) {
        case 'between': {
          const c = t[this.#pos];
          if (isSpace(c)) {
            this.#pos++;
            break;
          }
          if (!isOpenerChar(c)) return this.#pos;
          this.#state = { kind: 'opener', start: this.#pos };
          break;
        }
        case 'opener': {
          const result = this.#opener(s.start);
          if (result === 'more') return undefined;
          if (result === 'fail') return s.start + 1;
          break;
        }
        case 'json': {
          if (!s.keyChecked) {
            const key = firstKeyVerdict(t.slice(s.start, s.start + KEY_WINDOW));
            if (key === 'fail') return s.start + 1;
            if (key === 'ok') s.keyChecked = true;
          }
          const c = t[this.#pos++];
          if (s.quote) {
            if (s.escape) s.escape = false;
            else if (c === '\\') s.escape = true;
            else if (c === s.quote) s.quote = null;
          } else if (c === '"' || c === "'") s.quote = c;
          else if (c === '{' || c === '[') s.depth++;
          else if (c === '}' || c === ']') {
            s.depth--;
            if (s.depth === 0) {
              this.#segments.push({ kind: 'json', start: s.start, end: this.#pos, bodyStart: s.start, bodyEnd: this.#pos });
              this.#state = { kind: 'between' };
            }
          }
          break;
        }
        case 'fence-info': {
          const nl = t.indexOf('\n', this.#pos);
          const info = t.slice(s.infoStart, nl < 0 ? t.length : nl).trim().toLowerCase();
          if (nl < 0) {
            if (!FENCE_INFOS.some((allowed) => allowed.startsWith(info))) return s.start + 1;
            this.#pos = t.length;
            return undefined;
          }
          if (!FENCE_INFOS.includes(info)) return s.start + 1;
          this.#pos = nl + 1;
          this.#state = {
            kind: 'body',
            seg: { kind: 'fence', start: s.start, bodyStart: nl + 1 },
            close: FENCE,
            checked: false,
            searchFrom: nl,
          };
          break;
        }
        case 'function-name': {
          const gt = t.indexOf('>', s.nameStart);
          const name = t.slice(s.nameStart, gt < 0 ? t.length : gt);
          if (name !== '' && !FUNCTION_NAME.test(name)) return s.start + 1;
          if (gt < 0) {
            this.#pos = t.length;
            return undefined;
          }
          if (name === '') return s.start + 1;
          this.#pos = gt + 1;
          this.#state = {
            kind: 'body',
            seg: { kind: 'function', start: s.start, bodyStart: gt + 1, name },
            close: FUNCTION_CLOSE,
            checked: false,
            searchFrom: gt + 1,
          };
          break;
        }
        case 'body': {
          if (!s.checked) {
            const first = firstNonSpace(t, s.seg.bodyStart);
            if (first < 0) {
              this.#pos = t.length;
              return undefined;
            }
            const head = t.slice(first, first + 16);
            if (!bodyMayStartWith(head, s.seg.kind)) {
              // Could be a prefix of `</function>` / `<parameter=` that has not fully arrived yet.
              if (bodyPrefixPending(head, s.seg.kind)) {
                this.#pos = t.length;
                return undefined;
              }
              return s.seg.start + 1;
            }
            s.checked = true;
          }
          // A fence closes at a line start; tags anywhere.
          const needle = s.close === FENCE ? `\n${FENCE}` : s.close;
          const found = t.indexOf(needle, Math.max(s.searchFrom, s.seg.bodyStart - (s.close === FENCE ? 1 : 0)));
          if (found < 0) {
            s.searchFrom = Math.max(s.seg.bodyStart, t.length - needle.length + 1);
            this.#pos = t.length;
            return undefined;
          }
          const end = found + needle.length;
          this.#segments.push({ ...s.seg, end, bodyEnd: found });
          this.#pos = end;
          this.#state = { kind: 'between' };
          break;
        }
      }
    }
    return undefined;
  }

  /** Decides what the opener at `start` is; moves #pos and #state on success. */
  #opener(start: number): 'more' | 'fail' | 'ok' {
    const t = this.#text;
    const rest = t.slice(start, start + 16);
    const c = t[start];
    if (c === '{') {
      this.#state = { kind: 'json', start, depth: 0, quote: null, escape: false, keyChecked: false };
      this.#pos = start;
      return 'ok';
    }
    if (c === '`') {
      if (rest.length < FENCE.length) return FENCE.startsWith(rest) ? 'more' : 'fail';
      if (!rest.startsWith(FENCE)) return 'fail';
      this.#state = { kind: 'fence-info', start, infoStart: start + FENCE.length };
      this.#pos = start + FENCE.length;
      return 'ok';
    }
    if (c === '[') {
      const next = firstNonSpace(t, start + 1);
      if (next >= 0 && t[next] === '{') {
        this.#state = { kind: 'json', start, depth: 0, quote: null, escape: false, keyChecked: false };
        this.#pos = start;
        return 'ok';
      }
    }
    // Literal openers: `<tool_call>`, `<function=`, `[TOOL_CALLS]`, …
    for (const open of LITERAL_OPENERS) {
      if (!rest.startsWith(open)) continue;
      const after = start + open.length;
      const tag = TAGS.find((x) => x.open === open);
      if (tag) {
        this.#state = { kind: 'body', seg: { kind: 'tag', start, bodyStart: after }, close: tag.close, checked: false, searchFrom: after };
      } else if (open === FUNCTION_OPEN) {
        this.#state = { kind: 'function-name', start, nameStart: after };
      } else {
        this.#segments.push({ kind: 'marker', start, end: after, bodyStart: after, bodyEnd: after });
        this.#state = { kind: 'between' };
      }
      this.#pos = after;
      return 'ok';
    }
    const text = t.slice(start);
    const couldGrow = LITERAL_OPENERS.some((open) => open.startsWith(text)) || (c === '[' && text.trim() === '[');
    return couldGrow ? 'more' : 'fail';
  }
}

function firstNonSpace(t: string, from: number): number {
  for (let i = from; i < t.length; i++) if (!isSpace(t[i])) return i;
  return -1;
}

/** What a body may start with: JSON, or a nested tag (`<function=` inside `<tool_call>`, `<parameter=`, an immediate close). */
function bodyStarts(kind: Segment['kind']): readonly string[] {
  if (kind === 'function') return ['{', '[', '<parameter=', FUNCTION_CLOSE];
  if (kind === 'fence') return ['{', '[', FUNCTION_OPEN, ...TAGS.map((x) => x.open)];
  return ['{', '[', FUNCTION_OPEN];
}

function bodyMayStartWith(head: string, kind: Segment['kind']): boolean {
  return bodyStarts(kind).some((x) => head.startsWith(x));
}

/** True while the body's start is still a prefix of something it may start with. */
function bodyPrefixPending(head: string, kind: Segment['kind']): boolean {
  return bodyStarts(kind).some((x) => x.length > head.length && x.startsWith(head));
}
