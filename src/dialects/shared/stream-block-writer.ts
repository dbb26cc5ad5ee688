/**
 * @module dialects/shared/stream-block-writer
 * Emits IR stream events with a correct block lifecycle for egress stream decoders:
 * `start` exactly once and first; an open text or reasoning block is closed before any
 * other block opens; tool calls come out whole (start → one delta → end); exactly one
 * `finish` or `error` ends the stream, and nothing is emitted after it. Each method
 * returns the events to yield, so a decoder writes `yield* writer.text(delta)`.
 *
 * @example
 * const w = new StreamBlockWriter();
 * [...w.start({ id: 'x' }), ...w.reasoning('hm'), ...w.text('Hi'), ...w.finish({ reason: 'stop' })];
 * // start, reasoning-start, reasoning-delta, reasoning-end, text-start, text-delta, text-end, finish
 */
import type { LynkrError } from '../../ir/errors.js';
import type { IrFinishReason, IrStreamEvent, IrUsage } from '../../ir/types.js';

export interface WriterToolCall {
  id: string;
  name: string;
  namespace?: string;
  toolKind: 'function' | 'custom';
  arguments: string;
}

export interface WriterFinish {
  reason: IrFinishReason;
  rawReason?: string;
  stopSequence?: string;
  /** When given, a `usage` event precedes `finish` and `finish.usage` carries it too. */
  usage?: IrUsage;
}

interface OpenBlock {
  kind: 'text' | 'reasoning';
  id: string;
  signature?: string;
}

export class StreamBlockWriter {
  #started = false;
  #ended = false;
  #open?: OpenBlock;
  #seq = 0;

  /** True once `finish` or `error` was emitted. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The `start` event (once; later calls return nothing). */
  start(info: { id?: string; model?: string } = {}): IrStreamEvent[] {
    if (this.#started || this.#ended) return [];
    this.#started = true;
    const ev: IrStreamEvent = { type: 'start' };
    if (info.id !== undefined) ev.id = info.id;
    if (info.model !== undefined) ev.model = info.model;
    return [ev];
  }

  /** A text delta, opening a text block (and closing a reasoning block) when needed. */
  text(delta: string): IrStreamEvent[] {
    return this.#delta('text', delta);
  }

  /** A reasoning delta, opening a reasoning block (and closing a text block) when needed. */
  reasoning(delta: string, provider?: string): IrStreamEvent[] {
    return this.#delta('reasoning', delta, provider);
  }

  /** Attaches a signature to the open reasoning block; it goes out on `reasoning-end`. */
  reasoningSignature(signature: string): IrStreamEvent[] {
    if (this.#ended) return [];
    const events = this.#open?.kind === 'reasoning' ? [] : this.#delta('reasoning', '', undefined, true);
    if (this.#open) this.#open.signature = signature;
    return events;
  }

  /** Closes the open text or reasoning block, if any. */
  closeBlock(): IrStreamEvent[] {
    const open = this.#open;
    if (!open) return [];
    this.#open = undefined;
    if (open.kind === 'text') return [{ type: 'text-end', id: open.id }];
    const end: IrStreamEvent = { type: 'reasoning-end', id: open.id };
    if (open.signature !== undefined) end.signature = open.signature;
    return [end];
  }

  /** One whole tool call: start, its full arguments as one delta, end. */
  toolCall(call: WriterToolCall): IrStreamEvent[] {
    if (this.#ended) return [];
    const events = [...this.start(), ...this.closeBlock()];
    const start: IrStreamEvent = { type: 'tool-call-start', id: call.id, name: call.name, toolKind: call.toolKind };
    if (call.namespace !== undefined) start.namespace = call.namespace;
    events.push(start);
    if (call.arguments.length > 0) events.push({ type: 'tool-call-delta', id: call.id, delta: call.arguments });
    events.push({ type: 'tool-call-end', id: call.id });
    return events;
  }

  /** Closes the open block, emits `usage` (when given) and the one `finish`. */
  finish(f: WriterFinish): IrStreamEvent[] {
    if (this.#ended) return [];
    const events = [...this.start(), ...this.closeBlock()];
    this.#ended = true;
    if (f.usage) events.push({ type: 'usage', usage: f.usage });
    const fin: IrStreamEvent = { type: 'finish', reason: f.reason };
    if (f.rawReason !== undefined) fin.rawReason = f.rawReason;
    if (f.stopSequence !== undefined) fin.stopSequence = f.stopSequence;
    if (f.usage) fin.usage = f.usage;
    events.push(fin);
    return events;
  }

  /** Ends the stream with an error in place of `finish`. Open blocks are left open: they did not complete. */
  error(error: LynkrError): IrStreamEvent[] {
    if (this.#ended) return [];
    const events = this.start();
    this.#ended = true;
    events.push({ type: 'error', error });
    return events;
  }

  #delta(kind: OpenBlock['kind'], delta: string, provider?: string, force = false): IrStreamEvent[] {
    if (this.#ended || (delta.length === 0 && !force)) return [];
    const events = this.start();
    if (this.#open?.kind !== kind) {
      events.push(...this.closeBlock());
      const id = `${kind}_${this.#seq++}`;
      this.#open = { kind, id };
      if (kind === 'text') events.push({ type: 'text-start', id });
      else events.push(provider === undefined ? { type: 'reasoning-start', id } : { type: 'reasoning-start', id, provider });
    }
    if (delta.length > 0) {
      const id = this.#open!.id;
      events.push(kind === 'text' ? { type: 'text-delta', id, delta } : { type: 'reasoning-delta', id, delta });
    }
    return events;
  }
}
