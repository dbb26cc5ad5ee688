import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EPHEMERAL, MAX_BREAKPOINTS, placeCacheBreakpoints } from '../../../src/cache/place-cache-breakpoints.js';
import { anthropicMessagesCodec } from '../../../src/dialects/anthropic-messages/index.js';
import { openaiResponsesCodec } from '../../../src/dialects/openai-responses/index.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrRequest } from '../../../src/ir/types.js';
import { loadCaptured } from '../../support/fixtures.js';

type Json = Record<string, any>;

function encode(req: IrRequest): Json {
  return anthropicMessagesCodec.encodeRequest(req, { model: 'claude-sonnet-4-5', toolNames: ToolNameMap.forRequest(req), stream: true }) as Json;
}

function markedPaths(body: Json): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'cache_control' ? out.push(path) : k !== 'input_schema' && walk(x, `${path}.${k}`);
  };
  walk(body, '$');
  return out;
}

const codexTurn2 = () => openaiResponsesCodec.decodeRequest(loadCaptured('codex-0.169.0').find((c) => c.name === 'tool-turn2')!.body);

test('a translated Codex tool turn gets four breakpoints: last function tool, system, previous and current conversation end', () => {
  const req = codexTurn2();
  const body = encode(placeCacheBreakpoints(req));
  const marks = markedPaths(body);
  assert.equal(marks.length, MAX_BREAKPOINTS, marks.join(', '));
  const lastFunction = req.tools.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === 'function').at(-1)!.i;
  assert.equal(body.tools.findIndex((t: Json) => t.cache_control), lastFunction);
  assert.deepEqual(body.system.at(-1).cache_control, EPHEMERAL);
  const lastMessage = body.messages.length - 1;
  assert.ok(marks.some((m) => m.startsWith(`$.messages[${lastMessage}]`)), 'the final message (the tool result)');
  assert.ok(marks.some((m) => m.startsWith(`$.messages[${lastMessage - 2}]`)), 'the user prompt before the assistant turn');
});

test('the input request is not changed, and a request with its own markers is left alone', () => {
  const req = codexTurn2();
  const before = JSON.stringify(req);
  placeCacheBreakpoints(req);
  assert.equal(JSON.stringify(req), before);

  const claude = anthropicMessagesCodec.decodeRequest(loadCaptured('claude-code-2.1.197').find((c) => c.name === 'tool-turn2')!.body);
  assert.equal(placeCacheBreakpoints(claude), claude, 'Claude Code places its own breakpoints');
});

test('without tools or system only the conversation is marked; an empty request is returned as it is', () => {
  const req: IrRequest = { model: 'm', system: [], tools: [], stream: false, extensions: {}, messages: [{ role: 'user', parts: [{ type: 'text', text: 'Q' }, { type: 'text', text: '  ' }] }] };
  const out = placeCacheBreakpoints(req);
  assert.deepEqual(out.messages[0].parts[0], { type: 'text', text: 'Q', cacheControl: EPHEMERAL }, 'the last non-empty text');
  assert.deepEqual(markedPaths(encode(out)), ['$.messages[0].content[0]']);
  const empty: IrRequest = { ...req, messages: [] };
  assert.equal(placeCacheBreakpoints(empty), empty);
});
