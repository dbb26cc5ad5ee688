/**
 * The repair keeps answers streaming: text goes out as it arrives unless it could open a
 * tool call, and a held candidate is released as soon as it cannot be one. Also: schemas
 * are compiled once, and the stage leaves requests without tools alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrStreamEvent } from '../../../src/ir/types.js';
import type { CallContext } from '../../../src/pipeline/stage.js';
import { repairTextToolCalls } from '../../../src/pipeline/tool-call-repair/repair-text-tool-calls.js';
import { ToolCatalog } from '../../../src/pipeline/tool-call-repair/tool-catalog.js';
import { toolCallRepairStage } from '../../../src/pipeline/tool-call-repair/tool-call-repair-stage.js';
import { TextCallSplitter } from '../../../src/pipeline/tool-call-repair/text-call-splitter.js';
import { compiledSchemaCount } from '../../../src/pipeline/tool-call-repair/validate-arguments.js';
import { fold, repair, request, textEvents } from './helpers.js';

/** Runs the repair and records, for every text delta that comes out, how many input events had been read. */
async function releaseTimes(chunks: string[]): Promise<Array<{ delta: string; readSoFar: number }>> {
  let read = 0;
  const events = textEvents(chunks);
  async function* source(): AsyncGenerator<IrStreamEvent> {
    for (const ev of events) {
      read++;
      yield ev;
    }
  }
  const req = request();
  const out: Array<{ delta: string; readSoFar: number }> = [];
  for await (const ev of repairTextToolCalls(source(), { catalog: new ToolCatalog(req, ToolNameMap.forRequest(req)) })) {
    if (ev.type === 'text-delta') out.push({ delta: ev.delta, readSoFar: read });
  }
  return out;
}

test('ordinary text is released with the delta that brought it', async () => {
  const chunks = ['Here is', ' the plan:\n', '- read a < b\n', '- then {done}'];
  const times = await releaseTimes(chunks);
  // start + text-start = 2 events before the first delta
  assert.deepEqual(times, chunks.map((delta, i) => ({ delta, readSoFar: 3 + i })));
});

test('a held candidate is released as soon as it cannot be a call', async () => {
  const times = await releaseTimes(['Answer:\n', '{"compilerOptions"', ': {"strict": true}}', '\nmore']);
  // The JSON answer is known not to be a call once its first key arrived (third input delta at the latest).
  const json = times.find((t) => t.delta.includes('compilerOptions'))!;
  assert.ok(json.readSoFar <= 5, `released after ${json.readSoFar} events`);
  assert.equal(times.map((t) => t.delta).join(''), 'Answer:\n{"compilerOptions": {"strict": true}}\nmore');
  const fence = await releaseTimes(['```py', 'thon\nprint(1)\n', '```\n']);
  assert.equal(fence[0].readSoFar, 3, 'a python fence streams as soon as its info string cannot be json');
});

test('the splitter holds only from the candidate on', () => {
  const s = new TextCallSplitter();
  assert.equal(s.push('Sure. <tool'), 'Sure. ');
  assert.equal(s.held, '<tool');
  assert.equal(s.push('s are great'), '<tools are great');
  assert.equal(s.held, '');
  assert.equal(s.push('\n{"name": "x"'), '\n');
  assert.equal(s.held, '{"name": "x"');
});

test('a held tail over the size limit is released as text', () => {
  const s = new TextCallSplitter(50);
  const head = '{"name": "exec_command", "arguments": {"cmd": "';
  assert.equal(s.push(head), '');
  assert.equal(s.push('x'.repeat(60)), head + 'x'.repeat(60));
  assert.equal(s.held, '');
});

test('each tool schema is compiled once across requests', async () => {
  const text = '{"name": "exec_command", "arguments": {"cmd": "ls"}}';
  await repair(textEvents([text]));
  const after = compiledSchemaCount();
  for (let i = 0; i < 5; i++) assert.equal(fold(await repair(textEvents([text]))).calls.length, 1);
  assert.equal(compiledSchemaCount(), after);
});

test('the stage leaves requests without tools or with tool_choice none untouched', async () => {
  const events = (async function* () {})();
  const ctx = { toolNames: new ToolNameMap([]), services: { log: pino({ level: 'silent' }) }, requestId: 'r' } as unknown as CallContext;
  assert.equal(toolCallRepairStage.transformStream!(events, request([]), ctx), events);
  assert.equal(toolCallRepairStage.transformStream!(events, { ...request(), toolChoice: { type: 'none' } }, ctx), events);
  assert.notEqual(toolCallRepairStage.transformStream!(events, request(), ctx), events);
});

test('held text followed by a structured tool call stays text, before the call', async () => {
  const out = await repair([
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: '{"name": "exec_command", "arguments": {"cmd": "ls"}}' },
    { type: 'text-end', id: 't' },
    { type: 'tool-call-start', id: 'c1', name: 'get_goal', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'c1', delta: '{}' },
    { type: 'tool-call-end', id: 'c1' },
    { type: 'finish', reason: 'tool_calls' },
  ]);
  const seen = fold(out);
  assert.equal(seen.text, '{"name": "exec_command", "arguments": {"cmd": "ls"}}');
  assert.deepEqual(seen.calls.map((c) => c.id), ['c1']);
});
