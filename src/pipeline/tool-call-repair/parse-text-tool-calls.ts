/**
 * @module pipeline/tool-call-repair/parse-text-tool-calls
 * What the segments found by `segment-scanner.ts` say: the tool calls a model wrote as text
 * (wire-contract §6.2). Pure; nothing here knows the request's tools, so a result is only a
 * candidate until `tool-catalog.ts` checks the name and validates the arguments.
 *
 * Almost-JSON (single quotes, trailing commas, Python literals, a missing closing brace
 * when the model stopped on a stop word) is repaired with `jsonrepair`.
 */
import { jsonrepair } from 'jsonrepair';
import { SegmentScanner, type Segment } from './segment-scanner.js';

/** One call as the model wrote it. */
export interface TextToolCall {
  /** The tool name as written (a wire name, usually). */
  name: string;
  /**
   * The arguments: a JSON value, a string (JSON text, or a custom tool's raw input), or
   * undefined when the model wrote none.
   */
  args: unknown;
  /** True for `<parameter=k>v</parameter>` values, which are text until the schema types them. */
  xmlParams?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys that name the tool, in order of preference. */
const NAME_KEYS = ['name', 'tool', 'tool_name', 'function', 'recipient_name'] as const;
/** Keys that hold the arguments, in order of preference. */
const ARG_KEYS = ['arguments', 'parameters', 'args', 'input', 'tool_input'] as const;
/** Keys a call object without arguments may have (a no-argument tool). */
const BARE_CALL_KEYS = new Set<string>([...NAME_KEYS, 'type', 'id']);

/**
 * The calls in `text` when the whole text is one or more call segments (whitespace between
 * them), else undefined.
 * @example parseTextToolCalls('<tool_call>{"name":"ls","arguments":{}}</tool_call>') // [{ name: 'ls', args: {} }]
 */
export function parseTextToolCalls(text: string): TextToolCall[] | undefined {
  const scanner = new SegmentScanner();
  if (scanner.push(text).status === 'text') return undefined;
  const segments = scanner.finish();
  return segments && parseSegments(text, segments);
}

/** The calls of already-scanned segments; undefined when any segment is not a call. */
export function parseSegments(text: string, segments: readonly Segment[]): TextToolCall[] | undefined {
  const calls: TextToolCall[] = [];
  for (const seg of segments) {
    const body = text.slice(seg.bodyStart, seg.bodyEnd);
    let found: TextToolCall[] | undefined;
    switch (seg.kind) {
      case 'marker':
        continue;
      case 'json':
        found = callsFromJson(parseLooseJson(body));
        break;
      case 'fence':
      case 'tag': {
        const inner = body.trim();
        found = inner.startsWith('<') ? parseTextToolCalls(inner) : callsFromJson(parseLooseJson(inner));
        break;
      }
      case 'function':
        found = functionCall(seg.name ?? '', body);
        break;
    }
    if (!found || found.length === 0) return undefined;
    calls.push(...found);
  }
  return calls.length > 0 ? calls : undefined;
}

/** JSON, or almost-JSON repaired by `jsonrepair`; undefined when neither parses. */
export function parseLooseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(jsonrepair(text));
    } catch {
      return undefined;
    }
  }
}

/** A call object, an array of them, or `{"tool_calls":[…]}`. */
function callsFromJson(value: unknown): TextToolCall[] | undefined {
  if (Array.isArray(value)) {
    const calls: TextToolCall[] = [];
    for (const item of value) {
      const one = callsFromJson(item);
      if (!one) return undefined;
      calls.push(...one);
    }
    return calls.length > 0 ? calls : undefined;
  }
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.tool_calls)) return callsFromJson(value.tool_calls);
  const call = callFromObject(value);
  return call ? [call] : undefined;
}

/**
 * `{"name","arguments"}`, `{"name","parameters"}` (Llama), `{"tool","args"}`,
 * `{"function":{"name","arguments"}}` (OpenAI's own shape, arguments as a JSON string),
 * `{"type":"function","function":…}`.
 */
function callFromObject(obj: Json): TextToolCall | undefined {
  if (isObject(obj.function)) return callFromObject(obj.function);
  const nameKey = NAME_KEYS.find((k) => typeof obj[k] === 'string' && (obj[k] as string).trim() !== '');
  if (!nameKey) return undefined;
  const name = (obj[nameKey] as string).trim();
  const argKey = ARG_KEYS.find((k) => k in obj);
  if (argKey) return { name, args: obj[argKey] };
  // No arguments at all: only a bare `{"name": "tool"}`, never an object that merely has a `name`.
  return Object.keys(obj).every((k) => BARE_CALL_KEYS.has(k)) ? { name, args: undefined } : undefined;
}

/** `<function=name>` bodies: empty, JSON arguments, or `<parameter=k>v</parameter>` pairs. */
function functionCall(name: string, body: string): TextToolCall[] | undefined {
  const inner = body.trim();
  if (inner === '') return [{ name, args: undefined }];
  if (inner.startsWith('{')) {
    const args = parseLooseJson(inner);
    return isObject(args) ? [{ name, args }] : undefined;
  }
  const params = parseXmlParameters(inner);
  return params ? [{ name, args: params, xmlParams: true }] : undefined;
}

const PARAM_OPEN = '<parameter=';
const PARAM_CLOSE = '</parameter>';

/**
 * Qwen3-Coder's `<parameter=cmd>\nls -la\n</parameter>` pairs. One newline on each side of
 * a value is layout; an unterminated last value (the model stopped) runs to the end.
 */
function parseXmlParameters(text: string): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    if (!text.startsWith(PARAM_OPEN, i)) return undefined;
    const gt = text.indexOf('>', i);
    if (gt < 0) return undefined;
    const key = text.slice(i + PARAM_OPEN.length, gt).trim();
    if (!/^[\w.\-]+$/.test(key)) return undefined;
    const close = text.indexOf(PARAM_CLOSE, gt);
    const raw = text.slice(gt + 1, close < 0 ? text.length : close);
    params[key] = raw.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    i = close < 0 ? text.length : close + PARAM_CLOSE.length;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}
