/**
 * Remote compaction v2 pieces (wire-contract §1.1.2): the blob Codex carries, the
 * summarisation request made from a `compaction_trigger`, the one `compaction` item the
 * Responses stream must carry, and the expansion of later compaction items.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRequest, encodeStream } from '../../../src/dialects/openai-responses/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrRequest, IrStreamEvent } from '../../../src/ir/types.js';
import { decodeCompactionBlob, encodeCompactionBlob } from '../../../src/pipeline/compaction/compaction-blob.js';
import { expandCompactionItems } from '../../../src/pipeline/compaction/compaction-items.js';
import { SUMMARY_PREFIX, SUMMARY_REQUEST } from '../../../src/pipeline/compaction/compaction-prompts.js';
import { emitCompactionItem, summarisationRequest } from '../../../src/pipeline/compaction/remote-compaction.js';

type Json = Record<string, any>;

const user = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
const tools = [{ type: 'function', name: 'exec_command', parameters: { type: 'object', properties: { cmd: { type: 'string' } } } }];
const history = [
  { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex.' }] },
  user('do it'),
  { type: 'function_call', name: 'exec_command', arguments: '{"cmd":"ls"}', call_id: 'call_1' },
  { type: 'function_call_output', call_id: 'call_1', output: 'a.txt' },
];

async function* from(events: IrStreamEvent[]): AsyncGenerator<IrStreamEvent> {
  yield* events;
}

/** The Responses SSE a Codex client would read for these IR events after the compaction transform. */
async function responsesEvents(events: IrStreamEvent[], req: IrRequest): Promise<Json[]> {
  let text = '';
  const ctx = { requestedModel: 'gpt-5.5', responseId: 'resp_1', createdAt: 1, request: req };
  for await (const chunk of encodeStream(emitCompactionItem(from(events)), ctx)) text += chunk;
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.split('\n')[1].slice(6)) as Json);
}

test('the blob round-trips; foreign or damaged blobs are not read', () => {
  const blob = encodeCompactionBlob('did X; next Y ✓');
  assert.match(blob, /^lynkr-compaction:[A-Za-z0-9+/=]+$/);
  assert.equal(decodeCompactionBlob(blob), 'did X; next Y ✓');
  assert.equal(decodeCompactionBlob('gAAAAABoOpenAIEncrypted'), undefined);
  assert.equal(decodeCompactionBlob('lynkr-compaction:!!notbase64json'), undefined);
  assert.equal(decodeCompactionBlob(`lynkr-compaction:${Buffer.from('{"v":2,"summary":"x"}').toString('base64')}`), undefined);
  assert.equal(decodeCompactionBlob(undefined), undefined);
});

test('a trailing compaction_trigger becomes a summarisation request without tools', () => {
  const req = decodeRequest({ model: 'gpt-5.5', stream: true, tools, tool_choice: 'auto', parallel_tool_calls: true, input: [...history, { type: 'compaction_trigger' }] });
  const s = summarisationRequest(req)!;
  assert.ok(s);
  assert.deepEqual(s.tools, []);
  assert.equal(s.toolChoice, undefined);
  assert.equal(s.parallelToolCalls, undefined);
  assert.deepEqual(s.messages.at(-1), { role: 'user', parts: [{ type: 'text', text: SUMMARY_REQUEST }] });
  assert.ok(!JSON.stringify(s.messages).includes('compaction_trigger'));
  // The history is all there: the call and its result.
  assert.deepEqual(s.messages.slice(0, -1).map((m) => m.role), ['user', 'assistant', 'tool']);
  assert.deepEqual(s.system.map((p) => p.text), ['You are Codex.']);
});

test('no trigger, or a trigger that is not the last item, is a normal turn', () => {
  assert.equal(summarisationRequest(decodeRequest({ model: 'm', input: history })), undefined);
  assert.equal(summarisationRequest(decodeRequest({ model: 'm', input: [...history, { type: 'compaction_trigger' }, user('more')] })), undefined);
});

test('the stream carries exactly one compaction item, whatever the summarising model emitted', async () => {
  const req = decodeRequest({ model: 'gpt-5.5', stream: true, input: 'x' });
  const events = await responsesEvents(
    [
      { type: 'start' },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'thinking' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'keepalive' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: '  Progress: listed files.' },
      { type: 'text-delta', id: 't', delta: ' Next: tests.\n' },
      { type: 'text-end', id: 't' },
      { type: 'tool-call-start', id: 'c', name: 'exec_command', toolKind: 'function' },
      { type: 'tool-call-end', id: 'c' },
      { type: 'usage', usage: { inputTokens: 100, outputTokens: 20 } },
      { type: 'finish', reason: 'length' },
    ],
    req,
  );
  const added = events.filter((e) => e.type === 'response.output_item.added');
  const done = events.filter((e) => e.type === 'response.output_item.done');
  assert.equal(added.length, 1);
  assert.equal(done.length, 1);
  const item = done[0].item;
  assert.equal(item.type, 'compaction');
  assert.match(item.id, /^cmp_[0-9a-f]+$/);
  assert.equal(decodeCompactionBlob(item.encrypted_content), 'Progress: listed files. Next: tests.');
  assert.ok(events.some((e) => e.type === 'response.in_progress' && e.sequence_number > 1), 'keep-alive still reaches the client');
  const last = events.at(-1)!;
  assert.equal(last.type, 'response.completed', 'a summary cut by the output limit still completes');
  assert.deepEqual(last.response.output, [item]);
  assert.equal(last.response.usage.total_tokens, 120);
});

test('an upstream error fails the response without a compaction item', async () => {
  const req = decodeRequest({ model: 'gpt-5.5', stream: true, input: 'x' });
  const events = await responsesEvents([{ type: 'text-delta', id: 't', delta: 'partial' }, { type: 'error', error: new LynkrError('upstream_error', 'boom') }], req);
  assert.equal(events.filter((e) => e.type === 'response.output_item.done').length, 0);
  assert.equal(events.at(-1)!.type, 'response.failed');
});

test('compaction items expand into the summary; foreign ones into a note, or stay for a native upstream', () => {
  const own = { type: 'compaction', id: 'cmp_1', encrypted_content: encodeCompactionBlob('did X') };
  const alias = { type: 'compaction_summary', encrypted_content: encodeCompactionBlob('did Y') };
  const foreign = { type: 'compaction', id: 'cmp_2', encrypted_content: 'gAAAAAB-openai' };
  const req = decodeRequest({ model: 'm', input: [user('do it'), own, alias, foreign, user('go on')] });

  const { req: out, expanded, unreadable } = expandCompactionItems(req);
  assert.equal(expanded, 2);
  assert.equal(unreadable, 1);
  const texts = out.messages.flatMap((m) => m.parts.map((p) => (p.type === 'text' ? p.text : `<${p.type}>`)));
  assert.deepEqual(texts.slice(0, 3), ['do it', SUMMARY_PREFIX + 'did X', SUMMARY_PREFIX + 'did Y']);
  assert.match(texts[3], /compacted by another provider/);
  assert.equal(texts[4], 'go on');
  assert.ok(out.messages.every((m) => m.role === 'user'));

  const native = expandCompactionItems(req, { keepForeign: true });
  assert.equal(native.unreadable, 0);
  assert.ok(native.req.messages.some((m) => m.parts.some((p) => p.type === 'opaque')));

  const plain = decodeRequest({ model: 'm', input: history });
  assert.equal(expandCompactionItems(plain).req, plain, 'unchanged requests keep their identity (pass-through stays possible)');
});
