/**
 * @module pipeline/cache/capture-upstream-response
 * The caches store the upstream's answer as it was *before* later stages transformed it
 * (a tool-loop note, a repair): on a hit the replay goes through those same stages again,
 * decided by the same request, so storing their output would apply them twice. The cache
 * stages are therefore listed first, and the first of them taps the stream here; both read
 * the captured response in `onComplete`, which runs only for complete answers. A replayed
 * stream is never captured.
 */
import type { IrResponse, IrStream } from '../../ir/types.js';
import { ResponseAccumulator } from '../collect-response.js';
import { mapEvents } from '../map-events.js';
import type { CallContext } from '../stage.js';

const CAPTURED = 'cache:upstream-response';
const REPLAY = 'cache:replay';

/** Marks the request as answered from a cache (nothing is captured or stored). */
export function markReplay(ctx: CallContext): void {
  ctx.state.set(REPLAY, true);
}

export function isReplay(ctx: CallContext): boolean {
  return ctx.state.get(REPLAY) === true;
}

/** Taps the upstream stream once per request; later calls return `events` unchanged. */
export function captureUpstreamResponse(events: IrStream, ctx: CallContext): IrStream {
  if (isReplay(ctx) || ctx.state.has(CAPTURED)) return events;
  const holder: { response?: IrResponse } = {};
  ctx.state.set(CAPTURED, holder);
  return tap(events, holder);
}

/**
 * The captured upstream answer, with the final usage (which `ensureUsage` fills in after the
 * stages). Without a capture the answer took the pass-through path, where no stage rewrites
 * anything: the final answer is the upstream's own.
 */
export function capturedResponse(ctx: CallContext, final: IrResponse): IrResponse | undefined {
  if (isReplay(ctx)) return undefined;
  const holder = ctx.state.get(CAPTURED) as { response?: IrResponse } | undefined;
  if (!holder) return final;
  return holder.response ? { ...holder.response, usage: final.usage } : undefined;
}

function tap(events: IrStream, holder: { response?: IrResponse }): IrStream {
  const acc = new ResponseAccumulator('cached');
  let broken = false;
  return mapEvents(events, {
    map(ev, emit) {
      if (!broken) {
        try {
          const done = acc.add(ev);
          if (done) holder.response = done;
        } catch {
          broken = true; // an error event: nothing to store
        }
      }
      emit(ev);
    },
  });
}
