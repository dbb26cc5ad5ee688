/**
 * @module pipeline/tool-call-repair/repair-text-tool-calls
 * The repair as a stream stage (design.md §2 "repair tool calls"; wire-contract §6.2: an
 * inline text tool call is not a tool call to Codex, and the agent loop stops). When the
 * tail of a text block is one or more calls of declared tools written as text, they leave
 * as real IR tool-call events with synthesized `call_…` ids, and the finish reason becomes
 * `tool_calls`, so the client runs the tool and the loop goes on.
 *
 * Streaming stays live: text passes through at once unless it could open a call, and a
 * held candidate is released as soon as it cannot be one. The decision is made when the
 * block ends, and waits for the finish event: an answer cut off by the output limit
 * (`length`) keeps its text, because a truncated command must never run.
 */
import { newId } from '../../ir/helpers.js';
import type { IrFinishReason, IrStream, IrStreamEvent } from '../../ir/types.js';
import { mapEvents, type Emit, type EventMapper } from '../map-events.js';
import { parseSegments } from './parse-text-tool-calls.js';
import { TextCallSplitter } from './text-call-splitter.js';
import type { ResolvedCall, ToolCatalog } from './tool-catalog.js';

export interface RepairOptions {
  catalog: ToolCatalog;
  /** Called with the calls made from text (for logs). */
  onRepaired?(calls: ResolvedCall[]): void;
}

interface TextBlock {
  id: string;
  /** Whether `text-start` went out (it is sent lazily, with the first released text). */
  started: boolean;
  splitter: TextCallSplitter;
}

/** A block that ended with held text, waiting for the finish reason. */
interface Pending {
  id: string;
  started: boolean;
  held: string;
  segments?: ReturnType<TextCallSplitter['finish']>['segments'];
}

/** Reasons after which the model meant its text as its last word; `length` means it was cut off. */
const CONVERTIBLE: ReadonlySet<IrFinishReason> = new Set(['stop', 'tool_calls', 'other', 'stop_sequence']);

export function repairTextToolCalls(events: IrStream, options: RepairOptions): IrStream {
  return mapEvents(events, repairTextToolCallsMapper(options));
}

export function repairTextToolCallsMapper({ catalog, onRepaired }: RepairOptions): EventMapper {
  let block: TextBlock | undefined;
  let pending: Pending | undefined;
  let repaired = false;
  const heldUsage: IrStreamEvent[] = [];

  function release(b: TextBlock, text: string, emit: Emit): void {
    if (text === '') return;
    if (!b.started) {
      b.started = true;
      emit({ type: 'text-start', id: b.id });
    }
    emit({ type: 'text-delta', id: b.id, delta: text });
  }

  /** Closes the open block into `pending` (its held tail waits for the decision). */
  function endBlock(emit: Emit): void {
    if (!block) return;
    const b = block;
    block = undefined;
    const { held, segments } = b.splitter.finish();
    if (held === '') {
      if (b.started) emit({ type: 'text-end', id: b.id });
      return;
    }
    pending = { id: b.id, started: b.started, held, segments };
  }

  /** Decides the pending tail: real tool calls when `allowCalls` and it parses and validates, else text. */
  function settle(allowCalls: boolean, emit: Emit): void {
    if (!pending) return;
    const p = pending;
    pending = undefined;
    const calls = allowCalls && p.segments ? resolveAll({ held: p.held, segments: p.segments, catalog }) : undefined;
    if (!calls) {
      if (!p.started) emit({ type: 'text-start', id: p.id });
      emit({ type: 'text-delta', id: p.id, delta: p.held });
      emit({ type: 'text-end', id: p.id });
    } else {
      if (p.started) emit({ type: 'text-end', id: p.id });
      for (const call of calls) {
        const id = newId('call');
        emit({ type: 'tool-call-start', id, name: call.name, namespace: call.namespace, toolKind: call.toolKind });
        if (call.arguments !== '') emit({ type: 'tool-call-delta', id, delta: call.arguments });
        emit({ type: 'tool-call-end', id });
      }
      repaired = true;
      onRepaired?.(calls);
    }
    for (const ev of heldUsage.splice(0)) emit(ev);
  }

  return {
    map(ev, emit) {
      switch (ev.type) {
        case 'text-start':
          endBlock(emit);
          settle(false, emit);
          block = { id: ev.id, started: false, splitter: new TextCallSplitter() };
          return;
        case 'text-delta': {
          if (!block || block.id !== ev.id) {
            endBlock(emit);
            settle(false, emit);
            block = { id: ev.id, started: false, splitter: new TextCallSplitter() };
          }
          release(block, block.splitter.push(ev.delta), emit);
          return;
        }
        case 'text-end':
          if (block?.id === ev.id) endBlock(emit);
          else emit(ev);
          return;
        case 'usage':
          // Usage belongs after the blocks: hold it while a tail waits for its decision.
          if (pending) heldUsage.push(ev);
          else emit(ev);
          return;
        case 'keepalive':
          emit(ev);
          return;
        case 'finish': {
          endBlock(emit);
          settle(CONVERTIBLE.has(ev.reason), emit);
          emit(repaired && ev.reason !== 'tool_calls' ? { ...ev, reason: 'tool_calls' } : ev);
          return;
        }
        default:
          // Anything else (reasoning, a structured tool call, an error) comes after the text:
          // held text that is followed by more output is not the answer's tail.
          endBlock(emit);
          settle(false, emit);
          emit(ev);
      }
    },
    flush(emit) {
      // The stream ended without a finish: nothing is decided, the text stays text.
      endBlock(emit);
      settle(false, emit);
    },
  };
}

/** Every call of the tail resolved, or undefined when any of them is not a valid call of a declared tool. */
function resolveAll({ held, segments, catalog }: { held: string; segments: NonNullable<Pending['segments']>; catalog: ToolCatalog }): ResolvedCall[] | undefined {
  const parsed = parseSegments(held, segments);
  if (!parsed) return undefined;
  const calls: ResolvedCall[] = [];
  for (const call of parsed) {
    const resolved = catalog.resolve(call);
    if (!resolved) return undefined;
    calls.push(resolved);
  }
  return calls;
}
