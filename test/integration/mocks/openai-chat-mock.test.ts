/**
 * The openai-chat mock against the official `openai` SDK: what the SDK parses is what a real
 * OpenAI-compatible server would have produced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startMockUpstream, type MockTurn } from '../../support/mock-upstream/index.js';

const TURN: MockTurn = {
  text: 'Hello from the mock, streamed in pieces.',
  reasoning: 'Thinking about greetings.',
  toolCalls: [
    { name: 'get_weather', arguments: { city: 'Paris', units: 'metric' } },
    { name: 'exec_command', arguments: { cmd: 'echo "quoted \\" value"' } },
  ],
  usage: { input: 42, output: 17 },
};

function client(url: string): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
}

test('openai-chat stream: text, parallel tool calls by index and usage parse with the SDK', async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', script: () => TURN });
  try {
    const stream = await client(upstream.url).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, TURN.text);
    assert.ok(chunks.filter((c) => c.choices[0]?.delta.content).length > 1, 'text is split over several chunks');
    const reasoning = chunks.map((c) => (c.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '').join('');
    assert.equal(reasoning, TURN.reasoning);
    const argumentPieces = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []).filter((t) => t.index === 0 && !t.id);
    assert.ok(argumentPieces.length > 1, 'arguments arrive in several fragments');
    assert.ok(argumentPieces.every((t) => t.function?.arguments !== undefined && !t.function.name));
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    assert.equal(finish?.choices[0].finish_reason, 'tool_calls');
    const last = chunks[chunks.length - 1];
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage?.prompt_tokens, 42);
    assert.equal(last.usage?.completion_tokens, 17);
    assert.equal(last.usage?.total_tokens, 59);
  } finally {
    await upstream.close();
  }
});

test('openai-chat stream: the SDK stream helper assembles tool-call fragments', async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', script: () => TURN });
  try {
    const final = await client(upstream.url)
      .chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } })
      .finalChatCompletion();
    const message = final.choices[0].message;
    assert.equal(message.content, TURN.text);
    const calls = (message.tool_calls ?? []).map((c) => (c.type === 'function' ? c : assert.fail('function call expected')));
    assert.deepEqual(
      calls.map((c) => [c.id, c.function.name, JSON.parse(c.function.arguments)]),
      [
        ['call_0_0', 'get_weather', { city: 'Paris', units: 'metric' }],
        ['call_0_1', 'exec_command', { cmd: 'echo "quoted \\" value"' }],
      ],
    );
    assert.equal(final.usage?.total_tokens, 59);
    const body = upstream.turnRequests[0].body;
    assert.equal(body.stream, true);
    assert.equal(upstream.turnRequests[0].headers.authorization, 'Bearer sk-test');
  } finally {
    await upstream.close();
  }
});

test('openai-chat non-stream: a chat.completion object', async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', script: () => TURN });
  try {
    const completion = await client(upstream.url).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.model, 'gpt-4o-mini');
    assert.equal(completion.choices[0].finish_reason, 'tool_calls');
    assert.equal(completion.choices[0].message.content, TURN.text);
    assert.equal(completion.choices[0].message.tool_calls?.length, 2);
    assert.equal(completion.usage?.prompt_tokens, 42);
  } finally {
    await upstream.close();
  }
});

test('openai-chat: finish length, /v1/models, unknown model and bad key come back as the SDK expects', async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-chat',
    models: ['gpt-4o-mini'],
    apiKey: 'sk-test',
    script: () => ({ text: 'cut', finish: 'length' }),
  });
  try {
    const sdk = client(upstream.url);
    const completion = await sdk.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0].finish_reason, 'length');
    const models = await sdk.models.list();
    assert.deepEqual(models.data.map((m) => m.id), ['gpt-4o-mini']);
    await assert.rejects(
      sdk.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof OpenAI.NotFoundError && error.code === 'model_not_found',
    );
    await assert.rejects(
      new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: 'wrong', maxRetries: 0 }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      }),
      (error: unknown) => error instanceof OpenAI.AuthenticationError,
    );
  } finally {
    await upstream.close();
  }
});
