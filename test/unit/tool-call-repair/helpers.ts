/**
 * @module test/unit/tool-call-repair/helpers
 * A request with Codex-like tools, IR streams of a text answer split at chosen positions,
 * and a fold of the repaired stream into what a client would see.
 */
import { assertIrLifecycle } from '../../support/ir-lifecycle.js';
import assert from 'node:assert/strict';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrFinishReason, IrRequest, IrStreamEvent, IrTool } from '../../../src/ir/types.js';
import { repairTextToolCalls } from '../../../src/pipeline/tool-call-repair/repair-text-tool-calls.js';
import { ToolCatalog } from '../../../src/pipeline/tool-call-repair/tool-catalog.js';

export const TOOLS: IrTool[] = [
  {
    kind: 'function',
    name: 'exec_command',
    parameters: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { cmd: { type: 'string' }, timeout_ms: { type: 'number' }, login: { type: 'boolean' } },
      required: ['cmd'],
      additionalProperties: false,
    },
  },
  { kind: 'function', name: 'get_goal', parameters: { type: 'object', properties: {}, additionalProperties: false } },
  { kind: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: …' } },
  { kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1', parameters: { type: 'object', properties: { target: { type: 'string' } }, required: ['target'] } },
  { kind: 'hosted', dialect: 'openai-responses', type: 'web_search', value: { type: 'web_search' } },
];

export function request(tools: IrTool[] = TOOLS): IrRequest {
  return { model: 'm', system: [], messages: [{ role: 'user', parts: [{ type: 'text', text: 'go' }] }], tools, stream: true, extensions: {} };
}

/** The IR events of an upstream answering `chunks` as one text block. */
export function textEvents(chunks: string[], reason: IrFinishReason = 'stop'): IrStreamEvent[] {
  return [
    { type: 'start' },
    { type: 'text-start', id: 't0' },
    ...chunks.map((delta): IrStreamEvent => ({ type: 'text-delta', id: 't0', delta })),
    { type: 'text-end', id: 't0' },
    { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } },
    { type: 'finish', reason },
  ];
}

async function* from(events: IrStreamEvent[]): AsyncGenerator<IrStreamEvent> {
  yield* events;
}

export async function repair(events: IrStreamEvent[], tools: IrTool[] = TOOLS): Promise<IrStreamEvent[]> {
  const req = request(tools);
  const catalog = new ToolCatalog(req, ToolNameMap.forRequest(req));
  const out: IrStreamEvent[] = [];
  for await (const ev of repairTextToolCalls(from(events), { catalog })) out.push(ev);
  assertLifecycle(out);
  return out;
}

export interface Seen {
  text: string;
  calls: Array<{ id: string; name: string; namespace?: string; toolKind: string; arguments: string }>;
  reason?: IrFinishReason;
}

/** What the client sees: the text, the calls and the finish reason. */
export function fold(events: IrStreamEvent[]): Seen {
  const seen: Seen = { text: '', calls: [] };
  for (const ev of events) {
    if (ev.type === 'text-delta') seen.text += ev.delta;
    if (ev.type === 'tool-call-start') seen.calls.push({ id: ev.id, name: ev.name, namespace: ev.namespace, toolKind: ev.toolKind, arguments: '' });
    if (ev.type === 'tool-call-delta') seen.calls.find((c) => c.id === ev.id)!.arguments += ev.delta;
    if (ev.type === 'finish') seen.reason = ev.reason;
  }
  return seen;
}

/** Blocks open before their deltas, close once, never interleave; finish, if any, is last. */
export function assertLifecycle(events: IrStreamEvent[]): void {
  assertIrLifecycle(events, { begin: 'any', requireEnd: false });
  const finish = events.findIndex((e) => e.type === 'finish');
  if (finish >= 0) assert.equal(finish, events.length - 1, 'finish is last');
}

/** Every way to cut `text` in two, plus one character per chunk. */
export function splits(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}
