/**
 * The openai-responses mock against the official `openai` SDK (its ResponseStream checks that every
 * delta has an added item and content part), plus the Codex-specific guarantees of wire-contract §3.1–3.2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startMockUpstream, type MockTurn } from '../../support/mock-upstream/index.js';

const TURN: MockTurn = {
  reasoning: '**Planning** run a command',
  text: 'Running it now.',
  toolCalls: [
    { name: 'exec_command', arguments: { cmd: 'ls' } },
    { name: 'close_agent', namespace: 'multi_agent_v1', arguments: { target: 'x' } },
    { name: 'apply_patch', arguments: {}, input: '*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch' },
  ],
  usage: { input: 100, output: 20 },
};

function client(url: string): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
}

test('openai-responses stream parses with responses.stream().finalResponse()', async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-responses', script: () => TURN });
  try {
    const stream = client(upstream.url).responses.stream({ model: 'gpt-4o', input: 'hi', include: ['reasoning.encrypted_content'] });
    let text = '';
    stream.on('response.output_text.delta', (event) => (text += event.delta));
    const response = await stream.finalResponse();
    assert.equal(text, TURN.text);
    assert.equal(response.status, 'completed');
    assert.deepEqual(
      response.output.map((item) => item.type),
      ['reasoning', 'message', 'function_call', 'function_call', 'custom_tool_call'],
    );
    assert.equal(response.output_text, TURN.text);
    const [reasoning, , call, namespaced, custom] = response.output;
    assert.ok(reasoning.type === 'reasoning' && reasoning.summary[0].text === TURN.reasoning && typeof reasoning.encrypted_content === 'string');
    assert.ok(call.type === 'function_call' && call.name === 'exec_command' && call.call_id === 'call_0_0');
    assert.deepEqual(JSON.parse(call.arguments), { cmd: 'ls' });
    assert.equal((namespaced as unknown as { namespace?: string }).namespace, 'multi_agent_v1');
    assert.ok(custom.type === 'custom_tool_call' && custom.input === TURN.toolCalls?.[2].input);
    assert.deepEqual(response.usage, {
      input_tokens: 100,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 20,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 120,
    });
  } finally {
    await upstream.close();
  }
});

test('openai-responses stream: every item is added then done, deltas carry the indices Codex requires', async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-responses', script: () => TURN });
  try {
    const res = await fetch(`${upstream.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ model: 'gpt-4o', input: [], stream: true }),
    });
    const events = (await res.text())
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => JSON.parse(frame.split('\n')[1].replace(/^data: /, '')) as Record<string, unknown> & { type: string });
    assert.equal(events[0].type, 'response.created');
    assert.equal(events[events.length - 1].type, 'response.completed');
    assert.deepEqual(events.map((e) => e.sequence_number), events.map((_, i) => i));
    const added = events.filter((e) => e.type === 'response.output_item.added').map((e) => e.output_index);
    const done = events.filter((e) => e.type === 'response.output_item.done').map((e) => e.output_index);
    assert.deepEqual(added, [0, 1, 2, 3, 4]);
    assert.deepEqual(done, [0, 1, 2, 3, 4]);
    for (const e of events.filter((e) => e.type === 'response.reasoning_summary_text.delta')) assert.equal(e.summary_index, 0);
    const args = events.filter((e) => e.type === 'response.function_call_arguments.delta' && e.output_index === 2);
    assert.ok(args.length > 1, 'arguments are split');
    const completed = events[events.length - 1].response as { id: string; usage: Record<string, unknown> };
    assert.match(completed.id, /^resp_/);
    assert.ok(Number.isInteger(completed.usage.total_tokens));
  } finally {
    await upstream.close();
  }
});

test('openai-responses non-stream, finish length → incomplete, in-stream failure → response.failed', async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-responses',
    script: (_req, turn) =>
      [
        { text: 'whole answer' },
        { text: 'cut short', finish: 'length' as const },
        { text: 'never finished', streamError: { message: 'upstream broke', afterChunks: 4 } },
      ][turn],
  });
  try {
    const sdk = client(upstream.url);
    const response = await sdk.responses.create({ model: 'gpt-4o', input: 'hi' });
    assert.equal(response.object, 'response');
    assert.equal(response.output_text, 'whole answer');

    const incomplete = await sdk.responses.stream({ model: 'gpt-4o', input: 'hi' }).finalResponse();
    assert.equal(incomplete.status, 'incomplete');
    assert.equal(incomplete.incomplete_details?.reason, 'max_output_tokens');

    const failed = sdk.responses.create({ model: 'gpt-4o', input: 'hi', stream: true });
    const types: string[] = [];
    for await (const event of await failed) types.push(event.type);
    assert.equal(types[types.length - 1], 'response.failed');
    assert.equal(types.length, 5);
  } finally {
    await upstream.close();
  }
});
