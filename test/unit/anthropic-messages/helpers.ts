/**
 * @module test/unit/anthropic-messages/helpers
 * Fixture loading and stream helpers for the anthropic-messages codec tests.
 */
import { assertIrLifecycle as assertSharedLifecycle } from '../../support/ir-lifecycle.js';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngressContext } from '../../../src/dialects/types.js';
import type { IrRequest, IrStreamEvent } from '../../../src/ir/types.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The JSON body of a captured Claude Code request (`<request line>\n{headers}\n\n<body>`). */
export function claudeCodeBody(name: 'basic' | 'tool-turn2' | 'thinking-turn2'): Record<string, unknown> {
  const text = readFileSync(join(here, 'fixtures', 'claude-code-2.1.197', `${name}.http`), 'utf8');
  const end = text.indexOf('\n}\n');
  return JSON.parse(text.slice(end + 3)) as Record<string, unknown>;
}

/** One parsed JSON object per non-empty line of `fixtures/<name>.jsonl`. */
export function jsonl(name: string): unknown[] {
  return readFileSync(join(here, 'fixtures', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

export async function* from<T>(items: readonly T[]): AsyncIterable<T> {
  for (const i of items) yield i;
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export interface SseFrame {
  event: string;
  data: Record<string, unknown>;
}

/** Parses SSE text made of `event:` + `data:` frames, checking each frame's shape strictly. */
export function parseSse(text: string): SseFrame[] {
  if (!text.endsWith('\n\n')) throw new Error('SSE text must end with a blank line');
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((raw) => {
      const lines = raw.split('\n');
      if (lines.length !== 2 || !lines[0].startsWith('event: ') || !lines[1].startsWith('data: ')) {
        throw new Error(`malformed frame: ${JSON.stringify(raw)}`);
      }
      const event = lines[0].slice('event: '.length);
      const data = JSON.parse(lines[1].slice('data: '.length)) as Record<string, unknown>;
      if (data.type !== event) throw new Error(`event ${event} carries type ${String(data.type)}`);
      return { event, data };
    });
}

export function ingressContext(request: IrRequest, model = 'claude-opus-4-8'): IngressContext {
  return { requestedModel: model, responseId: 'msg_test_01', createdAt: 1_700_000_000, request };
}

/** A minimal request for contexts that do not read it. */
export const EMPTY_REQUEST: IrRequest = { model: 'claude-opus-4-8', system: [], messages: [], tools: [], stream: true, extensions: {} };

export type Events = IrStreamEvent[];

/** The IR stream grammar for a whole decoded stream; an upstream may fail before it starts. */
export function assertIrLifecycle(events: readonly IrStreamEvent[]): void {
  assertSharedLifecycle(events, { begin: 'start-or-error' });
}
