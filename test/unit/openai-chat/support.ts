/**
 * @module test/unit/openai-chat/support
 * Test helpers for the dialect codec tests (also used by test/unit/ollama): replaying
 * recorded stream fixtures, collecting async iterables, checking the IR stream lifecycle,
 * building IR requests and reading the captured Codex request bodies.
 */
import { assertIrLifecycle } from '../../support/ir-lifecycle.js';
import { SHARED_FIXTURES } from '../../support/fixtures.js';
import { readFileSync } from 'node:fs';
import type { IrPart, IrReasoningEffort, IrRequest, IrStreamEvent } from '../../../src/ir/types.js';

/** The payloads of a `.jsonl` fixture, one JSON object per line. */
export function readJsonl(url: URL): unknown[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as unknown);
}

export async function* replay<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Replaces synthesized `call_<hex>` ids with `call_#1`, `call_#2`… in order of appearance. */
export function normalizeIds(events: IrStreamEvent[]): IrStreamEvent[] {
  const seen = new Map<string, string>();
  return events.map((e) => {
    if (!('id' in e) || typeof e.id !== 'string' || !/^call_[0-9a-f]{24}$/.test(e.id)) return e;
    if (!seen.has(e.id)) seen.set(e.id, `call_#${seen.size + 1}`);
    return { ...e, id: seen.get(e.id)! } as IrStreamEvent;
  });
}

/** The IR stream grammar for a whole decoded stream: starts with start, ends with finish or error. */
export function assertLifecycle(events: IrStreamEvent[]): void {
  assertIrLifecycle(events);
}

/** A minimal IrRequest with the given overrides. */
export function irRequest(over: Partial<IrRequest> = {}): IrRequest {
  return { model: 'client-model', system: [], messages: [], tools: [], stream: true, extensions: {}, ...over };
}

/** The JSON body of a captured Codex request (`shared/fixtures/codex-0.169.0/<name>.http` beside the repository). */
export function codexBody(name: string): Record<string, unknown> {
  const text = readFileSync(`${SHARED_FIXTURES}/codex-0.169.0/${name}.http`, 'utf8');
  const end = text.indexOf('\n}\n');
  return JSON.parse(text.slice(end + 3)) as Record<string, unknown>;
}

/**
 * The IR of a captured Codex request, built by hand for the item and tool types those
 * fixtures contain (the real Responses decoder lives elsewhere): developer messages →
 * system; reasoning, assistant text and consecutive calls → one assistant message;
 * consecutive outputs → one tool message; function/custom tools, the rest hosted.
 */
export function codexIr(name: string): IrRequest {
  const body = codexBody(name);
  const req = irRequest({ model: String(body.model), stream: true });
  const texts = (content: unknown) =>
    (content as Array<{ text: string }>).map((c) => ({ type: 'text' as const, text: c.text }));
  for (const item of body.input as Array<Record<string, any>>) {
    const last = req.messages.at(-1);
    switch (item.type) {
      case 'message':
        if (item.role === 'developer' || item.role === 'system') req.system.push(...texts(item.content));
        else req.messages.push({ role: item.role, parts: texts(item.content) });
        break;
      case 'reasoning':
      case 'function_call':
      case 'custom_tool_call': {
        const part: IrPart =
          item.type === 'reasoning'
            ? { type: 'reasoning', text: item.content[0].text, summary: item.summary[0].text, encrypted: { dialect: 'openai-responses', value: item.encrypted_content } }
            : item.type === 'function_call'
              ? { type: 'tool_call', id: item.call_id, name: item.name, ...(item.namespace ? { namespace: item.namespace } : {}), toolKind: 'function', arguments: item.arguments }
              : { type: 'tool_call', id: item.call_id, name: item.name, toolKind: 'custom', arguments: item.input };
        if (last?.role === 'assistant') last.parts.push(part);
        else req.messages.push({ role: 'assistant', parts: [part] });
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const part: IrPart = { type: 'tool_result', callId: item.call_id, content: [{ type: 'text', text: item.output }] };
        if (last?.role === 'tool') last.parts.push(part);
        else req.messages.push({ role: 'tool', parts: [part] });
        break;
      }
    }
  }
  for (const t of body.tools as Array<Record<string, any>>) {
    if (t.type === 'function') req.tools.push({ kind: 'function', name: t.name, description: t.description, parameters: t.parameters, strict: t.strict });
    else if (t.type === 'custom') req.tools.push({ kind: 'custom', name: t.name, description: t.description, format: t.format });
    else req.tools.push({ kind: 'hosted', dialect: 'openai-responses', type: t.type, value: t });
  }
  if (body.tool_choice === 'auto') req.toolChoice = { type: 'auto' };
  if (typeof body.parallel_tool_calls === 'boolean') req.parallelToolCalls = body.parallel_tool_calls;
  const effort = (body.reasoning as { effort?: IrReasoningEffort } | undefined)?.effort;
  if (effort) req.reasoning = { effort };
  return req;
}
