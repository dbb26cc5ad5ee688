/**
 * The anthropic mock against the official `@anthropic-ai/sdk`: the SDK's MessageStream accumulator
 * checks event order, block indices, signature deltas and partial-JSON tool input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startMockUpstream, type MockTurn } from '../../support/mock-upstream/index.js';

const TURN: MockTurn = {
  reasoning: 'The user wants a listing; run ls.',
  text: 'I will run a command.',
  toolCalls: [{ name: 'Bash', arguments: { command: 'ls -la "/tmp"', description: 'List files' } }],
  usage: { input: 120, output: 30 },
};

function client(url: string): Anthropic {
  return new Anthropic({ baseURL: url, apiKey: 'sk-ant-test', maxRetries: 0 });
}

const PARAMS = { model: 'claude-opus-4-8', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'list files' }] };

test('anthropic stream: thinking, text and tool_use parse with messages.stream().finalMessage()', async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', script: () => TURN });
  try {
    const stream = client(upstream.url).messages.stream(PARAMS, { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } });
    const events: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    const message = await stream.finalMessage();
    assert.equal(message.model, 'claude-opus-4-8');
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(
      message.content.map((b) => b.type),
      ['thinking', 'text', 'tool_use'],
    );
    const [thinking, text, toolUse] = message.content;
    assert.ok(thinking.type === 'thinking' && thinking.thinking === TURN.reasoning && thinking.signature.startsWith('sig_'));
    assert.ok(text.type === 'text' && text.text === TURN.text);
    assert.ok(toolUse.type === 'tool_use');
    assert.equal(toolUse.name, 'Bash');
    assert.deepEqual(toolUse.input, TURN.toolCalls?.[0].arguments);
    assert.equal(message.usage.input_tokens, 120);
    assert.equal(message.usage.output_tokens, 30);
    assert.equal(events[0], 'message_start');
    assert.equal(events[events.length - 1], 'message_stop');
    assert.ok(events.filter((e) => e === 'content_block_delta').length >= 8, 'deltas are split');

    const recorded = upstream.turnRequests[0];
    // SDK 1.x authenticates with `Authorization: Bearer`; Claude Code sends `x-api-key` (see the e2e test).
    assert.equal(recorded.headers.authorization, 'Bearer sk-ant-test');
    assert.match(recorded.headers['anthropic-version'], /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(recorded.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14');
    assert.equal(recorded.body.stream, true);
  } finally {
    await upstream.close();
  }
});

test('anthropic stream: the raw frames have event lines, a ping and split input_json_delta', async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', script: () => TURN });
  try {
    const res = await fetch(`${upstream.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ ...PARAMS, stream: true }),
    });
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const raw = await res.text();
    const frames = raw.split('\n\n').filter(Boolean);
    for (const frame of frames) {
      const [eventLine, dataLine] = frame.split('\n');
      const data = JSON.parse(dataLine.replace(/^data: /, '')) as { type: string };
      assert.equal(eventLine, `event: ${data.type}`);
    }
    assert.match(raw, /event: ping/);
    const partials = [...raw.matchAll(/"partial_json":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]) as string);
    assert.ok(partials.length >= 3);
    assert.deepEqual(JSON.parse(partials.join('')), TURN.toolCalls?.[0].arguments);
    assert.equal(upstream.requests[0].path, '/v1/messages');
    assert.deepEqual(upstream.requests[0].query, { beta: 'true' });
  } finally {
    await upstream.close();
  }
});

test('anthropic non-stream create, count_tokens, HEAD / and errors', async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', models: ['claude-opus-4-8'], script: () => ({ text: 'plain answer' }) });
  try {
    const sdk = client(upstream.url);
    const message = await sdk.messages.create(PARAMS);
    assert.equal(message.type, 'message');
    assert.equal(message.stop_reason, 'end_turn');
    assert.deepEqual(message.content, [{ type: 'text', text: 'plain answer' }]);

    const counted = await sdk.messages.countTokens({ model: 'claude-opus-4-8', messages: PARAMS.messages });
    assert.ok(Number.isInteger(counted.input_tokens) && counted.input_tokens > 0);

    const head = await fetch(upstream.url, { method: 'HEAD' });
    assert.equal(head.status, 200);

    await assert.rejects(sdk.messages.create({ ...PARAMS, model: 'claude-nope' }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.NotFoundError);
      assert.equal((error.error as { error: { type: string } }).error.type, 'not_found_error');
      return true;
    });
  } finally {
    await upstream.close();
  }
});

test('anthropic scripted error and in-stream error reach the SDK', async () => {
  const upstream = await startMockUpstream({
    dialect: 'anthropic',
    script: (_req, turn) =>
      turn === 0
        ? { error: { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, headers: { 'x-should-retry': 'false' } } }
        : { text: 'partial text here', streamError: { message: 'Overloaded', type: 'overloaded_error', afterChunks: 3 } },
  });
  try {
    const sdk = client(upstream.url);
    await assert.rejects(sdk.messages.create(PARAMS), (error: unknown) => error instanceof Anthropic.APIError && error.status === 529);
    await assert.rejects(sdk.messages.stream(PARAMS).finalMessage(), /Overloaded/);
  } finally {
    await upstream.close();
  }
});
