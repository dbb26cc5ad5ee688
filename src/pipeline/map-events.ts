/**
 * @module pipeline/map-events
 * Synchronous per-event steps over an IR stream, fused into one async loop. The fixed steps
 * every answer passes (redact errors, observe, restore tool names, ensure usage, record the
 * response) are event mappers, not async generators: stacked generators cost an async hop
 * per event per layer, which on a short answer was more than the steps' own work
 * (docs/performance.md).
 *
 * `mapEvents(stream, mapper)` over a stream that is itself a `mapEvents` result not yet
 * iterated adds the mapper to the same loop instead of stacking a layer, so a chain of
 * mappers is one loop however it was composed. Streams of other origin (a stage's
 * async generator) are wrapped as before. A source that hands out batches
 * (`ir/event-batches.ts`, an upstream body) is read a network chunk at a time.
 */
import type { StreamEncoder } from '../dialects/types.js';
import { toLynkrError } from '../ir/errors.js';
import { eventItems } from '../ir/event-batches.js';
import type { IrStream, IrStreamEvent } from '../ir/types.js';

export type Emit = (ev: IrStreamEvent) => void;

export interface EventMapper {
  /** Passes `ev` on through `emit`: unchanged, replaced, preceded by others, or not at all. */
  map(ev: IrStreamEvent, emit: Emit): void;
  /** The source ended (not when the reader stopped early): last events, which pass through the later mappers. */
  flush?(emit: Emit): void;
  /** The stream is over: it ended, failed, or its consumer stopped reading. No more `emit`. */
  close?(): void;
}

export function mapEvents(events: IrStream, ...mappers: EventMapper[]): IrStream {
  if (events instanceof MappedStream) {
    const fused = events.fuse(mappers);
    if (fused) return fused;
  }
  return new MappedStream(events, mappers);
}

class MappedStream implements AsyncIterable<IrStreamEvent> {
  #taken = false;

  constructor(
    readonly source: IrStream,
    readonly mappers: readonly EventMapper[],
  ) {}

  /** A stream with `more` mappers over the same source, when this one was not iterated yet (it can then never be). */
  fuse(more: readonly EventMapper[]): MappedStream | undefined {
    if (this.#taken) return undefined;
    this.#taken = true;
    return new MappedStream(this.source, [...this.mappers, ...more]);
  }

  /** Source and mappers for another loop to run, when this stream was not iterated yet (it can then never be). */
  take(): { source: IrStream; mappers: readonly EventMapper[] } | undefined {
    if (this.#taken) return undefined;
    this.#taken = true;
    return { source: this.source, mappers: this.mappers };
  }

  [Symbol.asyncIterator](): AsyncIterator<IrStreamEvent> {
    if (this.#taken) throw new Error('mapEvents: this stream was already iterated or extended');
    this.#taken = true;
    return run(this.source, this.mappers);
  }
}

/**
 * The events of `events` encoded by `encoder` in the same loop as the mappers (when `events`
 * is a `mapEvents` result not yet read): from the upstream's frames to the client's, one
 * async step per source item (a network chunk's batch of events, or one event). Each yield
 * holds every frame that item produced. Stops once the encoder wrote its final frame; a stream that throws still
 * ends with the dialect's error frame.
 */
export function encodeEvents(events: IrStream, encoder: StreamEncoder): AsyncIterable<string> {
  const parts = events instanceof MappedStream ? events.take() : undefined;
  return parts ? runEncoded(parts.source, parts.mappers, encoder) : runEncoded(events, [], encoder);
}

/** Links the mappers: `first` takes a source event; `after[i]` is what mapper i emits into. */
function chain(mappers: readonly EventMapper[], collect: Emit): { first: Emit; after: Emit[] } {
  let emit = collect;
  const after: Emit[] = new Array<Emit>(mappers.length);
  for (let i = mappers.length - 1; i >= 0; i--) {
    const mapper = mappers[i];
    const next = emit;
    after[i] = next;
    emit = (ev) => mapper.map(ev, next);
  }
  return { first: emit, after };
}

async function* run(source: IrStream, mappers: readonly EventMapper[]): AsyncGenerator<IrStreamEvent> {
  let out: IrStreamEvent[] = [];
  const { first, after } = chain(mappers, (ev) => void out.push(ev));
  try {
    for await (const item of eventItems(source)) {
      if (Array.isArray(item)) for (const ev of item) first(ev);
      else first(item);
      if (out.length === 0) continue;
      if (out.length === 1) {
        const only = out[0];
        out.length = 0;
        yield only;
        continue;
      }
      const batch = out;
      out = [];
      for (const e of batch) yield e;
    }
    for (let i = 0; i < mappers.length; i++) mappers[i].flush?.(after[i]);
    const tail = out;
    out = [];
    for (const e of tail) yield e;
  } finally {
    for (const mapper of mappers) mapper.close?.();
  }
}

async function* runEncoded(source: IrStream, mappers: readonly EventMapper[], encoder: StreamEncoder): AsyncGenerator<string> {
  let out = encoder.begin();
  const { first, after } = chain(mappers, (ev) => {
    if (!encoder.done) out += encoder.push(ev);
  });
  try {
    if (out) yield out;
    out = '';
    try {
      for await (const item of eventItems(source)) {
        if (!Array.isArray(item)) first(item);
        else for (let i = 0; i < item.length && !encoder.done; i++) first(item[i]);
        if (out) {
          const chunk = out;
          out = '';
          yield chunk;
        }
        if (encoder.done) return;
      }
      for (let i = 0; i < mappers.length; i++) mappers[i].flush?.(after[i]);
      if (!encoder.done) out += encoder.end();
    } catch (err) {
      if (!encoder.done) out += encoder.push({ type: 'error', error: toLynkrError(err) });
    }
    if (out) yield out;
  } finally {
    for (const mapper of mappers) mapper.close?.();
  }
}
