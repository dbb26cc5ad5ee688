/**
 * @module test/support/ir-lifecycle
 * Asserts the IR stream grammar of `src/ir/types.ts` for any producer (codec decoders,
 * pipeline stages): blocks never interleave, deltas and ends only inside their open block,
 * a closed block id is never reopened, `finish` only with no block open, nothing after
 * `finish` or `error` (keepalive aside). How a stream must begin and end is chosen per caller:
 * a whole decoded upstream stream starts with `start` and ends with `finish` or `error`;
 * a stage under test may see a fragment.
 */
import assert from 'node:assert/strict';
import type { IrStreamEvent } from '../../src/ir/types.js';

export interface LifecycleOptions {
  /** 'start': the first event is `start`; 'start-or-error': an immediate `error` is allowed too; 'any': no rule. */
  begin?: 'start' | 'start-or-error' | 'any';
  /** Whether the stream must end with `finish` or `error`. */
  requireEnd?: boolean;
}

export function assertIrLifecycle(events: readonly IrStreamEvent[], { begin = 'start', requireEnd = true }: LifecycleOptions = {}): void {
  const first = events.find((e) => e.type !== 'keepalive')?.type;
  if (begin === 'start') assert.equal(first, 'start', 'the stream starts with start');
  if (begin === 'start-or-error') assert.ok(first === 'start' || first === 'error', `the stream starts with start or error, not ${first}`);
  let open: { kind: string; id: string } | undefined;
  const closed = new Set<string>();
  let ended = false;
  let seenStart = false;
  for (const [i, e] of events.entries()) {
    const where = `event ${i} (${e.type})`;
    if (e.type === 'keepalive') continue;
    assert.ok(!ended, `${where} after the stream ended`);
    if (e.type === 'start') {
      assert.ok(!seenStart, `${where}: a second start`);
      seenStart = true;
    }
    const m = /^(text|reasoning|tool-call)-(start|delta|end)$/.exec(e.type);
    if (m) {
      const [, kind, phase] = m;
      const id = (e as { id: string }).id;
      if (phase === 'start') {
        assert.equal(open, undefined, `${where} while ${open?.kind} ${open?.id} is open`);
        assert.ok(!closed.has(`${kind}:${id}`), `${where}: block ${id} reopened`);
        open = { kind, id };
      } else {
        assert.deepEqual(open, { kind, id }, `${where} outside its block`);
        if (phase === 'end') {
          closed.add(`${kind}:${id}`);
          open = undefined;
        }
      }
    }
    if (e.type === 'finish') {
      assert.equal(open, undefined, `finish while ${open?.kind} ${open?.id} is open`);
      ended = true;
    }
    if (e.type === 'error') ended = true;
  }
  if (requireEnd) assert.ok(ended, 'the stream ends with finish or error');
}
