/**
 * @module cache/place-cache-breakpoints
 * Provider-side prompt caching for translated traffic: marks at most four cache breakpoints
 * on the IR (`cacheControl`), which the Anthropic encoder sends as `cache_control` and the
 * Bedrock encoder as `cachePoint`. Anthropic caches the prefix up to each breakpoint (tools →
 * system → messages) and, on the next request, finds it again from a later breakpoint
 * (looking back up to 20 blocks), so an agent session pays the cached-token price for
 * everything but the newest turn:
 *   1. the last function tool (the tool list alone, when the system prompt changes);
 *   2. the last system block (tools + system prompt: stable for a whole session);
 *   3. the last block of the message before the latest assistant turn (what the previous
 *      request wrote, read back exactly even when a turn adds more than 20 blocks);
 *   4. the last block of the final message (written now, read by the next request).
 * A request that already carries markers (a client that places its own, like Claude Code)
 * is left alone.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
import type { IrMessage, IrPart, IrRequest, IrTool } from '../ir/types.js';

/** The breakpoint marker: Anthropic's default five-minute cache. */
export const EPHEMERAL = Object.freeze({ type: 'ephemeral' });
/** Anthropic accepts at most four breakpoints per request. */
export const MAX_BREAKPOINTS = 4;

function marked(value: { cacheControl?: unknown }): boolean {
  return value.cacheControl !== undefined;
}

/** Whether the request already has any cache marker (system, tools, message parts or tool-result content). */
export function hasCacheMarkers(req: IrRequest): boolean {
  return (
    req.system.some(marked) ||
    req.tools.some((t) => t.kind === 'function' && marked(t)) ||
    req.messages.some((m) => m.parts.some((p) => ('cacheControl' in p && marked(p)) || (p.type === 'tool_result' && p.content.some(marked))))
  );
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

function replaceAt<T>(items: readonly T[], index: number, value: T): T[] {
  return items.map((item, i) => (i === index ? value : item));
}

/** Parts the encoders can put a marker on (empty text is dropped by Anthropic, so it cannot carry one). */
function markable(p: IrPart): boolean {
  switch (p.type) {
    case 'text':
      return p.text.trim() !== '';
    case 'image':
    case 'document':
    case 'tool_result':
      return true;
    case 'tool_call':
    case 'reasoning':
    case 'opaque':
      return false;
  }
}

/** The message with its last markable part marked, or undefined when it has none. */
function markMessage(m: IrMessage): IrMessage | undefined {
  const i = lastIndex(m.parts, markable);
  if (i < 0) return undefined;
  return { ...m, parts: replaceAt(m.parts, i, { ...m.parts[i], cacheControl: EPHEMERAL } as IrPart) };
}

/**
 * The request with breakpoints placed (a new object; the input is not changed), or the same
 * request when it already has markers or nothing can be marked.
 * @example placeCacheBreakpoints(req).system.at(-1)?.cacheControl // { type: 'ephemeral' }
 */
export function placeCacheBreakpoints(req: IrRequest): IrRequest {
  if (hasCacheMarkers(req)) return req;
  let changed = false;
  let tools: IrTool[] = req.tools;
  const ti = lastIndex(req.tools, (t) => t.kind === 'function');
  if (ti >= 0) {
    tools = replaceAt(req.tools, ti, { ...req.tools[ti], cacheControl: EPHEMERAL } as IrTool);
    changed = true;
  }
  let system = req.system;
  const si = lastIndex(req.system, (p) => p.text.trim() !== '');
  if (si >= 0) {
    system = replaceAt(req.system, si, { ...req.system[si], cacheControl: EPHEMERAL });
    changed = true;
  }
  let messages = req.messages;
  const latestAssistant = lastIndex(req.messages, (m) => m.role === 'assistant');
  const targets = new Set([req.messages.length - 1, latestAssistant - 1].filter((i) => i >= 0 && req.messages[i].role !== 'assistant'));
  for (const mi of targets) {
    const next = markMessage(messages[mi]);
    if (!next) continue;
    messages = replaceAt(messages, mi, next);
    changed = true;
  }
  return changed ? { ...req, tools, system, messages } : req;
}
