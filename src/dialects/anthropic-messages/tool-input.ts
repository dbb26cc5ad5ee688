/**
 * @module dialects/anthropic-messages/tool-input
 * IR tool-call arguments (text) → Anthropic `tool_use.input` (always a JSON object). Anthropic
 * rejects a non-object input in history, and Claude Code runs a tool with whatever the
 * `input_json_delta` chunks concatenate to (wire-contract §3.4), so the text must be valid.
 */

/**
 * The JSON object text to send for a call's arguments.
 * - `function`: valid object JSON is kept byte-for-byte; a JSON *string* holding an object
 *   (double-encoded, seen from some local models) is unwrapped; empty or anything else → `{}`.
 * - `custom`: the raw free-form input wrapped as `{"input": raw}` (the schema `encodeTools` declares).
 */
export function toolInputJson(args: string, toolKind: 'function' | 'custom'): string {
  if (toolKind === 'custom') return JSON.stringify({ input: args });
  const direct = safeParse(args);
  if (isPlainObject(direct)) return args;
  if (typeof direct === 'string') {
    const inner = safeParse(direct);
    if (isPlainObject(inner)) return JSON.stringify(inner);
  }
  return '{}';
}

/** The arguments as an input object (see `toolInputJson`). */
export function toolInputObject(args: string, toolKind: 'function' | 'custom'): Record<string, unknown> {
  return JSON.parse(toolInputJson(args, toolKind)) as Record<string, unknown>;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
