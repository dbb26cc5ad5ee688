/**
 * Codex compaction through Lynkr to local upstreams (wire-contract §1.1.2), with Codex
 * 0.169.0's captured bodies:
 * - local compaction (`tools: []`, `tool_choice: "auto"`): tool_choice and
 *   parallel_tool_calls never reach the upstream, earlier calls still translate;
 * - remote compaction v2: a trailing `compaction_trigger` is answered with exactly one
 *   `compaction` item, and a later request carrying it gets the summary back as text;
 * - the legacy `POST /v1/responses/compact`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { withLynkr } from '../../support/lynkr.js';
import { startMockUpstream, type MockUpstream, type RecordedRequest } from '../../support/mock-upstream/index.js';

type Json = Record<string, any>;

const FIXTURES = '/work/shared/fixtures/codex-0.169.0';
function fixture(name: string): Json {
  const text = readFileSync(`${FIXTURES}/${name}`, 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n}\n') + 3)) as Json;
}

const SUMMARY = 'SUMMARY: ran `echo hi`, it printed hi. Next: nothing left.';
/** Answers every turn with the summary text, so the tests can follow it around. */
const summaryScript = () => ({ text: SUMMARY });

/** The data payloads of a Responses SSE body. */
function sseEvents(text: string): Json[] {
  return text
    .split('\n\n')
    .map((frame) => frame.split('\n').find((l) => l.startsWith('data: ')))
    .filter((l): l is string => l !== undefined)
    .map((l) => JSON.parse(l.slice(6)) as Json);
}

async function postResponses(url: string, body: Json, path = '/v1/responses'): Promise<{ status: number; text: string }> {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

/** The text of a chat/Ollama message's content. */
const contentText = (m: Json) => (typeof m.content === 'string' ? m.content : (m.content ?? []).map((p: Json) => p.text ?? '').join(''));

const lastTurn = (u: MockUpstream): Json => (u.turnRequests.at(-1) as RecordedRequest).body as Json;

describe('local compaction (tools: [] with tool_choice auto)', () => {
  const body = fixture('compaction-request.http');

  test('through Ollama: no tools, no tool_choice, earlier calls translate, the summary comes back as text', async () => {
    const upstream = await startMockUpstream({ dialect: 'ollama', script: summaryScript });
    try {
      await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
        const { status, text } = await postResponses(url, body);
        assert.equal(status, 200);
        const events = sseEvents(text);
        assert.equal(events.at(-1)!.type, 'response.completed');
        const done = events.filter((e) => e.type === 'response.output_item.done').map((e) => e.item);
        assert.equal(done.length, 1);
        assert.equal(done[0].content[0].text, SUMMARY);
      });
      const sent = lastTurn(upstream);
      assert.equal(sent.tools, undefined);
      assert.equal(sent.tool_choice, undefined);
      const call = sent.messages.find((m: Json) => m.role === 'assistant' && m.tool_calls);
      assert.deepEqual(call.tool_calls[0].function, { name: 'exec_command', arguments: { cmd: 'echo hi' } });
      const result = sent.messages[sent.messages.indexOf(call) + 1];
      assert.equal(result.role, 'tool');
      assert.match(result.content, /Output:\nhi/);
      assert.match(contentText(sent.messages.at(-1)), /^You are performing a CONTEXT CHECKPOINT COMPACTION/);
    } finally {
      await upstream.close();
    }
  });

  test('through a chat upstream (llama.cpp): tool_choice and parallel_tool_calls are dropped, call ids pair', async () => {
    const upstream = await startMockUpstream({ dialect: 'openai-chat', script: summaryScript });
    try {
      await withLynkr({ MODEL_PROVIDER: 'llamacpp', LLAMACPP_ENDPOINT: upstream.url }, async (url) => {
        const { status, text } = await postResponses(url, body);
        assert.equal(status, 200);
        assert.match(text, /response\.completed/);
      });
      const sent = lastTurn(upstream);
      assert.ok(!('tools' in sent) && !('tool_choice' in sent) && !('parallel_tool_calls' in sent), Object.keys(sent).join(','));
      const call = sent.messages.find((m: Json) => m.role === 'assistant' && m.tool_calls);
      assert.equal(call.tool_calls[0].function.name, 'exec_command');
      assert.equal(call.tool_calls[0].function.arguments, '{"cmd": "echo hi"}');
      const result = sent.messages[sent.messages.indexOf(call) + 1];
      assert.equal(result.tool_call_id, call.tool_calls[0].id);
    } finally {
      await upstream.close();
    }
  });
});

describe('remote compaction v2 and the legacy compact endpoint (Ollama upstream)', () => {
  let upstream: MockUpstream;
  const tools = fixture('basic-turn1.http').tools as Json[];
  /** The captured history without Codex's local compaction prompt: what v2 sends before its trigger. */
  const history = (fixture('compaction-request.http').input as Json[]).slice(0, -1);
  before(async () => {
    upstream = await startMockUpstream({ dialect: 'ollama', script: summaryScript });
  });
  after(() => upstream.close());
  const env = () => ({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url });

  let compaction: Json | undefined;

  test('a trailing compaction_trigger is answered with exactly one compaction item, then response.completed', async () => {
    await withLynkr(env(), async (url) => {
      const { status, text } = await postResponses(url, { model: 'gpt-5.5', stream: true, tools, tool_choice: 'auto', input: [...history, { type: 'compaction_trigger' }] });
      assert.equal(status, 200);
      const events = sseEvents(text);
      const added = events.filter((e) => e.type === 'response.output_item.added');
      const done = events.filter((e) => e.type === 'response.output_item.done');
      assert.equal(added.length, 1);
      assert.equal(done.length, 1);
      compaction = done[0].item;
      assert.equal(compaction!.type, 'compaction');
      assert.match(compaction!.id, /^cmp_/);
      assert.match(compaction!.encrypted_content, /^lynkr-compaction:/);
      const blob = JSON.parse(Buffer.from(compaction!.encrypted_content.slice('lynkr-compaction:'.length), 'base64').toString());
      assert.deepEqual(blob, { v: 1, summary: SUMMARY });
      assert.ok(!events.some((e) => e.type === 'response.output_text.delta'), 'the summary is not shown as text');
      const completed = events.at(-1)!;
      assert.equal(completed.type, 'response.completed');
      assert.deepEqual(completed.response.output, [compaction]);
      assert.ok(completed.response.usage.total_tokens > 0);
    });
    const sent = lastTurn(upstream);
    assert.equal(sent.tools, undefined, 'tools are stripped for the summary');
    assert.match(contentText(sent.messages.at(-1)), /^You are performing a CONTEXT CHECKPOINT COMPACTION/);
    assert.ok(!JSON.stringify(sent).includes('compaction_trigger'));
    assert.ok(sent.messages.some((m: Json) => m.tool_calls), 'the history went along');
  });

  test('a later request carrying the compaction item gets the summary back as a user message', async () => {
    assert.ok(compaction, 'needs the item from the previous test');
    const foreign = { type: 'compaction_summary', id: 'cmp_x', encrypted_content: 'gAAAAABo-openai-only' };
    await withLynkr(env(), async (url) => {
      const input = [history[0], history[1], history[2], compaction, foreign, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'continue' }] }];
      const { status } = await postResponses(url, { model: 'gpt-5.5', stream: true, tools, input });
      assert.equal(status, 200);
    });
    const sent = lastTurn(upstream);
    const texts = sent.messages.filter((m: Json) => m.role === 'user').map(contentText);
    const summary = texts.find((t: string) => t.includes(SUMMARY));
    assert.ok(summary, texts.join('\n---\n'));
    assert.match(summary, /^Another language model started to solve this problem/);
    assert.ok(texts.some((t: string) => /compacted by another provider/.test(t)), 'an unreadable item leaves a note');
    assert.ok(!JSON.stringify(sent).includes('gAAAAABo'), 'the foreign blob is not forwarded');
    assert.ok(Array.isArray(sent.tools) && sent.tools.length > 0, 'a normal turn keeps its tools');
  });

  test('POST /v1/responses/compact answers the retained user messages and one compaction item', async () => {
    const input = [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'do it' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me check.' }] },
      { type: 'function_call', name: 'exec_command', arguments: '{"cmd":"echo hi"}', call_id: 'call_1' },
      { type: 'function_call_output', call_id: 'call_1', output: 'hi' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'now the tests' }] },
    ];
    await withLynkr(env(), async (url) => {
      const res = await fetch(`${url}/v1/responses/compact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-5.5', instructions: 'You are Codex.', input, tools, parallel_tool_calls: true }),
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      const body = (await res.json()) as Json;
      assert.deepEqual(body.output.slice(0, 2), [input[0], input[4]]);
      assert.equal(body.output.length, 3);
      const item = body.output[2];
      assert.equal(item.type, 'compaction');
      const blob = JSON.parse(Buffer.from(item.encrypted_content.slice('lynkr-compaction:'.length), 'base64').toString());
      assert.equal(blob.summary, SUMMARY);

      const bad = await fetch(`${url}/responses/compact`, { method: 'POST', body: '{nope' });
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as Json).error.type, 'invalid_request_error');
    });
    const sent = lastTurn(upstream);
    assert.equal(sent.tools, undefined);
    assert.match(sent.messages[0].content, /You are Codex\./);
    assert.ok(sent.messages.some((m: Json) => m.tool_calls?.[0]?.function.name === 'exec_command'));
  });
});
