/**
 * @module pipeline/with-keepalive
 * Liveness while an upstream is silent (a local model loading or pre-filling a long
 * prompt): after `intervalMs` without an event, yields `{type:'keepalive'}`, which each
 * ingress encoder renders as its dialect's real liveness event (Responses
 * `response.in_progress`, Anthropic `ping`, an SSE comment for chat). Codex does not reset
 * its idle timer on SSE comments (wire-contract §3.1), hence a real event.
 *
 * One timer serves the whole stream: each wait only notes when it began, and the timer,
 * when it fires, either ticks (the wait has lasted `intervalMs`) or re-arms itself for the
 * rest. A timer created and cleared per event cost more than the event itself on long
 * streams (docs/performance.md).
 */
import type { IrStream, IrStreamEvent } from '../ir/types.js';

type Waited = IteratorResult<IrStreamEvent> | 'tick';

export async function* withKeepalive(events: IrStream, intervalMs: number): AsyncGenerator<IrStreamEvent> {
  const it = events[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<IrStreamEvent>> | undefined;
  let waitingSince = 0;
  let tick: ((value: 'tick') => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const onTimer = () => {
    timer = undefined;
    if (!tick) return; // not waiting: the next wait arms the timer again
    const idle = performance.now() - waitingSince;
    if (idle < intervalMs) {
      timer = setTimeout(onTimer, intervalMs - idle);
      return;
    }
    const fire = tick;
    tick = undefined;
    fire('tick');
  };
  try {
    while (true) {
      pending ??= it.next();
      const next = pending;
      waitingSince = performance.now();
      timer ??= setTimeout(onTimer, intervalMs);
      const winner = await new Promise<Waited>((resolve, reject) => {
        tick = resolve;
        next.then(resolve, reject);
      });
      tick = undefined;
      if (winner === 'tick') {
        yield { type: 'keepalive' };
        continue;
      }
      pending = undefined;
      if (winner.done) return;
      yield winner.value;
    }
  } finally {
    clearTimeout(timer);
    // Stop the upstream iterator when the consumer goes away (client disconnect).
    void it.return?.();
  }
}
