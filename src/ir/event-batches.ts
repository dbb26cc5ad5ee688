/**
 * @module ir/event-batches
 * An IR stream that can also hand out its events in batches: all the events one upstream
 * network chunk completed, at once. Read per event it is an ordinary `IrStream`; the
 * pipeline's mapper loop (`pipeline/map-events.ts`) reads the batches instead, which costs
 * one async step per network chunk rather than one per event (docs/performance.md).
 * Either way of reading is allowed once.
 */
import type { IrStream, IrStreamEvent } from './types.js';

export const EVENT_BATCHES: unique symbol = Symbol.for('lynkr.eventBatches');

export interface BatchedIrStream extends IrStream {
  [EVENT_BATCHES](): AsyncIterator<IrStreamEvent[]>;
}

/** A stream over `open()`'s batches (non-empty arrays), readable per event or per batch. */
export function batchedStream(open: () => AsyncGenerator<IrStreamEvent[]>): BatchedIrStream {
  return {
    [EVENT_BATCHES]: () => open(),
    async *[Symbol.asyncIterator]() {
      for await (const batch of open()) for (const ev of batch) yield ev;
    },
  };
}

/** The stream's batches when it has them, else its events one by one. */
export function eventItems(stream: IrStream): AsyncIterable<IrStreamEvent | IrStreamEvent[]> {
  const batched = stream as Partial<BatchedIrStream>;
  const open = batched[EVENT_BATCHES];
  return open ? { [Symbol.asyncIterator]: () => open.call(batched) } : stream;
}
