/**
 * @module pipeline/with-keepalive
 * Liveness while an upstream is silent (a local model loading or pre-filling a long
 * prompt): after `intervalMs` without an event, yields `{type:'keepalive'}`, which each
 * ingress encoder renders as its dialect's real liveness event (Responses
 * `response.in_progress`, Anthropic `ping`, an SSE comment for chat). Codex does not reset
 * its idle timer on SSE comments (wire-contract §3.1), hence a real event.
 */
import type { IrStream, IrStreamEvent } from '../ir/types.js';

export async function* withKeepalive(events: IrStream, intervalMs: number): AsyncGenerator<IrStreamEvent> {
  const it = events[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<IrStreamEvent>> | undefined;
  try {
    while (true) {
      pending ??= it.next();
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<'tick'>((resolve) => {
        timer = setTimeout(() => resolve('tick'), intervalMs);
      });
      const winner = await Promise.race([pending, tick]);
      clearTimeout(timer);
      if (winner === 'tick') {
        yield { type: 'keepalive' };
        continue;
      }
      pending = undefined;
      if (winner.done) return;
      yield winner.value;
    }
  } finally {
    // Stop the upstream iterator when the consumer goes away (client disconnect).
    void it.return?.();
  }
}
