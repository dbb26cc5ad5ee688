/**
 * @module test/unit/openai-responses/helpers
 * Shared test helpers: captured Codex fixtures, a context, scripted IR streams and an SSE
 * parser for reading `encodeStream` output back.
 */
import { join } from 'node:path';
import { SHARED_FIXTURES } from '../../support/fixtures.js';
import { readFileSync } from 'node:fs';
import { decodeRequest } from '../../../src/dialects/openai-responses/index.js';
import type { IngressContext } from '../../../src/dialects/types.js';
import type { IrRequest, IrStreamEvent } from '../../../src/ir/types.js';

export const FIXTURE_DIR = join(SHARED_FIXTURES, 'codex-0.169.0');

/** The JSON body of a captured `.http` request (request line, headers object, blank line, body). */
export function loadFixture(name: string): Record<string, unknown> {
  const text = readFileSync(`${FIXTURE_DIR}/${name}`, 'utf8');
  const end = text.indexOf('\n}\n');
  return JSON.parse(text.slice(end + 3)) as Record<string, unknown>;
}

export function makeCtx(request: Partial<IrRequest> = {}): IngressContext {
  const base = decodeRequest({ model: 'gpt-5.5', input: 'hi', stream: true });
  return {
    requestedModel: 'gpt-5.5',
    responseId: 'resp_test',
    createdAt: 1_700_000_000,
    request: { ...base, ...request },
  };
}

export async function* streamOf(events: IrStreamEvent[]): AsyncGenerator<IrStreamEvent> {
  for (const e of events) yield e;
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export interface SseEvent {
  event: string;
  data: Record<string, any>;
}

/** Parses `event: …\ndata: …\n\n` frames strictly: every frame must have both lines and matching types. */
export function parseSse(text: string): SseEvent[] {
  if (!text.endsWith('\n\n')) throw new Error('SSE text must end with a blank line');
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      const lines = frame.split('\n');
      if (lines.length !== 2 || !lines[0].startsWith('event: ') || !lines[1].startsWith('data: ')) {
        throw new Error(`bad frame: ${frame}`);
      }
      const event = lines[0].slice('event: '.length);
      const data = JSON.parse(lines[1].slice('data: '.length)) as Record<string, any>;
      if (data.type !== event) throw new Error(`event line ${event} != data.type ${data.type}`);
      return { event, data };
    });
}

/**
 * Checks the invariants every Responses stream must hold: increasing sequence numbers, each
 * item added before its deltas and done, output indexes assigned in increasing order, and
 * exactly one terminal event, last.
 */
export function assertStreamInvariants(events: SseEvent[]): void {
  const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
  let seq = -1;
  let nextIndex = 0;
  const added = new Set<number>();
  const done = new Set<number>();
  events.forEach(({ data }, i) => {
    if (data.sequence_number !== seq + 1) throw new Error(`sequence_number ${data.sequence_number} after ${seq}`);
    seq = data.sequence_number;
    if (TERMINAL.has(data.type) !== (i === events.length - 1)) throw new Error(`terminal event misplaced: ${data.type} at ${i}`);
    if (data.type === 'response.output_item.added') {
      if (data.output_index !== nextIndex) throw new Error(`output_index ${data.output_index}, expected ${nextIndex}`);
      added.add(nextIndex++);
    } else if (data.type === 'response.output_item.done') {
      if (!added.has(data.output_index) || done.has(data.output_index)) throw new Error(`bad done for ${data.output_index}`);
      done.add(data.output_index);
    } else if (typeof data.output_index === 'number') {
      if (!added.has(data.output_index) || done.has(data.output_index)) {
        throw new Error(`${data.type} outside its item's lifetime (${data.output_index})`);
      }
    }
  });
}

/** The data payloads of one event type. */
export function ofType(events: SseEvent[], type: string): Record<string, any>[] {
  return events.filter((e) => e.event === type).map((e) => e.data);
}
