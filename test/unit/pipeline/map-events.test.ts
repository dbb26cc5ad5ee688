import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import { tapResponse } from '../../../src/pipeline/collect-response.js';
import { encodeEvents, mapEvents, type EventMapper } from '../../../src/pipeline/map-events.js';

const text = (delta: string): IrStreamEvent => ({ type: 'text-delta', id: 't', delta });

async function* from(events: IrStreamEvent[], counter?: { pulled: number }): AsyncGenerator<IrStreamEvent> {
  for (const e of events) {
    if (counter) counter.pulled++;
    yield e;
  }
}

async function all(it: AsyncIterable<IrStreamEvent>): Promise<IrStreamEvent[]> {
  const out: IrStreamEvent[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const upper: EventMapper = { map: (ev, emit) => emit(ev.type === 'text-delta' ? { ...ev, delta: ev.delta.toUpperCase() } : ev) };
const dropEmpty: EventMapper = { map: (ev, emit) => (ev.type === 'text-delta' && ev.delta === '' ? undefined : emit(ev)) };
const doubleText: EventMapper = { map: (ev, emit) => (ev.type === 'text-delta' ? (emit(ev), emit({ ...ev, delta: `${ev.delta}!` })) : emit(ev)) };

test('mappers apply in order: replace, drop and insert events', async () => {
  const out = await all(mapEvents(from([text('a'), text(''), text('b'), { type: 'finish', reason: 'stop' }]), upper, dropEmpty, doubleText));
  assert.deepEqual(
    out.map((e) => (e.type === 'text-delta' ? e.delta : e.type)),
    ['A', 'A!', 'B', 'B!', 'finish'],
  );
});

test('mapEvents over a fresh mapEvents result is the same as stacking, in one loop', async () => {
  const events = [text('x'), text(''), text('y'), { type: 'finish', reason: 'stop' } as IrStreamEvent];
  const stacked = await all(mapEvents(mapEvents(mapEvents(from(events), upper), dropEmpty), doubleText));
  const flat = await all(mapEvents(from(events), upper, dropEmpty, doubleText));
  assert.deepEqual(stacked, flat);
  // A fused stream cannot be read a second time through its earlier handle.
  const inner = mapEvents(from(events), upper);
  const outer = mapEvents(inner, dropEmpty);
  assert.throws(() => inner[Symbol.asyncIterator](), /already iterated or extended/);
  assert.equal((await all(outer)).length, 3);
});

test('a mapper over a stream already being read wraps it instead of fusing', async () => {
  const first = mapEvents(from([text('a'), text('b')]), upper);
  const it = first[Symbol.asyncIterator]();
  assert.deepEqual(await it.next(), { done: false, value: text('A') });
  const rest: IrStreamEvent[] = [];
  for await (const ev of mapEvents({ [Symbol.asyncIterator]: () => it }, doubleText)) rest.push(ev);
  assert.deepEqual(rest, [text('B'), text('B!')]);
});

test('close runs once when the stream ends and when its reader stops early; the source is not read further', async () => {
  let closed = 0;
  const counting: EventMapper = { map: (ev, emit) => emit(ev), close: () => void closed++ };
  await all(mapEvents(from([text('a'), text('b')]), counting));
  assert.equal(closed, 1);

  const counter = { pulled: 0 };
  for await (const ev of mapEvents(from([text('a'), text('b'), text('c'), text('d')], counter), counting)) {
    if (ev.type === 'text-delta' && ev.delta === 'b') break;
  }
  assert.equal(closed, 2);
  assert.equal(counter.pulled, 2, 'stopping early stops pulling from the upstream');
});

test('tapResponse reports an early stop as an error exactly once, and a finished answer as a response', async () => {
  const results: string[] = [];
  const onDone = (r: { response?: unknown; error?: { message: string } }) => results.push(r.response ? 'response' : `error: ${r.error?.message}`);
  for await (const ev of tapResponse(from([{ type: 'start' }, { type: 'text-start', id: 't' }, text('hi'), { type: 'finish', reason: 'stop' }]), 'r1', onDone)) {
    if (ev.type === 'text-delta') break;
  }
  await all(tapResponse(from([{ type: 'start' }, { type: 'text-start', id: 't' }, text('hi'), { type: 'text-end', id: 't' }, { type: 'finish', reason: 'stop' }]), 'r2', onDone));
  assert.deepEqual(results, ['error: stream ended early (client disconnected or upstream stopped)', 'response']);
});

test('flush emits through the later mappers when the source ends, and not when the reader stops early', async () => {
  const flushing: EventMapper = { map: (ev, emit) => emit(ev), flush: (emit) => emit(text('tail')) };
  const out = await all(mapEvents(from([text('a')]), flushing, upper));
  assert.deepEqual(out, [text('A'), text('TAIL')]);
  let flushed = false;
  const watching: EventMapper = { map: (ev, emit) => emit(ev), flush: () => void (flushed = true) };
  for await (const _ of mapEvents(from([text('a'), text('b')]), watching)) break;
  assert.equal(flushed, false);
});

test('encodeEvents runs the encoder in the mappers loop: one chunk per source event, stops at the final frame', async () => {
  const counter = { pulled: 0 };
  const encoder = {
    done: false,
    begin: () => '<begin>',
    push(ev: IrStreamEvent) {
      if (ev.type === 'finish') {
        this.done = true;
        return '<finish>';
      }
      return ev.type === 'text-delta' ? `[${ev.delta}]` : '';
    },
    end: () => '<cut>',
  };
  const source = from([text('a'), text('b'), { type: 'finish', reason: 'stop' }, text('after')], counter);
  const chunks: string[] = [];
  for await (const c of encodeEvents(mapEvents(source, doubleText), encoder)) chunks.push(c);
  assert.deepEqual(chunks, ['<begin>', '[a][a!]', '[b][b!]', '<finish>']);
  assert.equal(counter.pulled, 3, 'nothing is read after the final frame');

  const cut = { ...encoder, done: false, push: encoder.push };
  const out: string[] = [];
  for await (const c of encodeEvents(from([text('x')]), cut)) out.push(c);
  assert.deepEqual(out, ['<begin>', '[x]', '<cut>'], 'input that stops early ends with the encoder end frame');
});

test('encodeEvents: a source that throws still ends with the encoder error frame, and the mappers are closed', async () => {
  let closed = false;
  async function* failing(): AsyncGenerator<IrStreamEvent> {
    yield text('a');
    throw new Error('boom');
  }
  const encoder = {
    done: false,
    begin: () => '',
    push(ev: IrStreamEvent) {
      if (ev.type === 'error') {
        this.done = true;
        return `<error: ${ev.error.message}>`;
      }
      return ev.type === 'text-delta' ? `[${ev.delta}]` : '';
    },
    end: () => '<cut>',
  };
  const chunks: string[] = [];
  for await (const c of encodeEvents(mapEvents(failing(), { map: (ev, emit) => emit(ev), close: () => void (closed = true) }), encoder)) chunks.push(c);
  assert.deepEqual(chunks, ['[a]', '<error: Internal error: boom>']);
  assert.equal(closed, true);
});
