/**
 * @module pipeline/collect-response
 * Folds IR stream events into one IrResponse. Lynkr always streams from upstreams (one
 * decode path, early liveness, early errors); `collectResponse` aggregates for clients
 * that did not ask for a stream, and `tapResponse` lets a streamed response be recorded
 * (response store, caches, usage) while it passes through unchanged.
 */
import { LynkrError } from '../ir/errors.js';
import type { IrPart, IrResponse, IrStream, IrStreamEvent, IrUsage } from '../ir/types.js';
import { mapEvents, type EventMapper } from './map-events.js';

/** Accumulates events; `add` returns the response once `finish` arrives, and throws on `error`. */
export class ResponseAccumulator {
  readonly #parts: IrPart[] = [];
  readonly #open = new Map<string, IrPart>();
  #usage: IrUsage | undefined;
  #model: string | undefined;

  constructor(readonly id: string) {}

  add(ev: IrStreamEvent): IrResponse | undefined {
    switch (ev.type) {
      case 'start':
        this.#model = ev.model ?? this.#model;
        return undefined;
      case 'text-start':
        this.#openPart(ev.id, { type: 'text', text: '' });
        return undefined;
      case 'text-delta': {
        const p = this.#open.get(ev.id) ?? this.#openPart(ev.id, { type: 'text', text: '' });
        if (p.type === 'text') p.text += ev.delta;
        return undefined;
      }
      case 'reasoning-start':
        this.#openPart(ev.id, { type: 'reasoning', text: '', provider: ev.provider });
        return undefined;
      case 'reasoning-delta': {
        const p = this.#open.get(ev.id) ?? this.#openPart(ev.id, { type: 'reasoning', text: '' });
        if (p.type === 'reasoning') p.text += ev.delta;
        return undefined;
      }
      case 'reasoning-end': {
        const p = this.#open.get(ev.id) ?? this.#openPart(ev.id, { type: 'reasoning', text: '' });
        if (p.type === 'reasoning') {
          if (ev.signature !== undefined) p.signature = ev.signature;
          if (ev.redactedData !== undefined) p.redactedData = ev.redactedData;
          if (ev.encrypted !== undefined) p.encrypted = ev.encrypted;
        }
        this.#open.delete(ev.id);
        return undefined;
      }
      case 'tool-call-start':
        this.#openPart(ev.id, { type: 'tool_call', id: ev.id, name: ev.name, namespace: ev.namespace, toolKind: ev.toolKind, arguments: '' });
        return undefined;
      case 'tool-call-delta': {
        const p = this.#open.get(ev.id);
        if (p?.type === 'tool_call') p.arguments += ev.delta;
        return undefined;
      }
      case 'text-end':
      case 'tool-call-end':
        this.#open.delete(ev.id);
        return undefined;
      case 'opaque':
        this.#parts.push({ type: 'opaque', dialect: ev.dialect, value: ev.value });
        return undefined;
      case 'usage':
        this.#usage = ev.usage;
        return undefined;
      case 'finish':
        return {
          id: this.id,
          model: this.#model,
          parts: this.#parts,
          finishReason: ev.reason,
          rawFinishReason: ev.rawReason,
          stopSequence: ev.stopSequence,
          usage: ev.usage ?? this.#usage ?? { inputTokens: 0, outputTokens: 0, estimated: true },
        };
      case 'error':
        throw ev.error;
      case 'keepalive':
        return undefined;
    }
  }

  #openPart(id: string, part: IrPart): IrPart {
    this.#open.set(id, part);
    this.#parts.push(part);
    return part;
  }
}

export async function collectResponse(events: IrStream, id: string): Promise<IrResponse> {
  const acc = new ResponseAccumulator(id);
  for await (const ev of events) {
    const done = acc.add(ev);
    if (done) return done;
  }
  throw new LynkrError('upstream_error', 'The upstream stream ended before the response was complete');
}

/**
 * Passes events through unchanged and calls `onDone` with the complete response (or the
 * error) once the stream finishes. Callback failures never disturb the stream.
 */
export function tapResponse(events: IrStream, id: string, onDone: (result: { response?: IrResponse; error?: LynkrError }) => void): IrStream {
  return mapEvents(events, tapResponseMapper(id, onDone));
}

export function tapResponseMapper(id: string, onDone: (result: { response?: IrResponse; error?: LynkrError }) => void): EventMapper {
  const acc = new ResponseAccumulator(id);
  let reported = false;
  const report = (r: { response?: IrResponse; error?: LynkrError }) => {
    if (reported) return;
    reported = true;
    try {
      onDone(r);
    } catch {
      // recording must never break a client's stream
    }
  };
  return {
    map(ev, emit) {
      try {
        const done = acc.add(ev);
        if (done) report({ response: done });
      } catch (err) {
        report({ error: err as LynkrError });
      }
      emit(ev);
    },
    close() {
      // Built only when nothing was reported: an Error with a stack per request is not free.
      if (!reported) report({ error: new LynkrError('upstream_error', 'stream ended early (client disconnected or upstream stopped)') });
    },
  };
}
