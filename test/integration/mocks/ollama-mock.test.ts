/**
 * The ollama mock against the official `ollama` JS client: NDJSON streaming, `message.thinking`,
 * id-less tool calls with object arguments, and the model-management endpoints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama, type ChatResponse } from 'ollama';
import { startMockUpstream, type MockTurn } from '../../support/mock-upstream/index.js';

const TURN: MockTurn = {
  reasoning: 'I should check the weather.',
  text: 'Let me look that up for you.',
  toolCalls: [
    { name: 'get_weather', arguments: { city: 'Paris', days: 3 } },
    { name: 'get_time', arguments: { zone: 'Europe/Paris' } },
  ],
  usage: { input: 31, output: 12 },
};

test('ollama /api/chat stream: content, thinking and tool_calls parse with the ollama client', async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => TURN });
  try {
    const stream = await new Ollama({ host: upstream.url }).chat({
      model: 'qwen3:8b',
      messages: [{ role: 'user', content: 'weather?' }],
      think: true,
      stream: true,
    });
    const parts: ChatResponse[] = [];
    for await (const part of stream) parts.push(part);
    assert.ok(parts.length > 4);
    assert.equal(parts.map((p) => p.message.content).join(''), TURN.text);
    assert.equal(parts.map((p) => p.message.thinking ?? '').join(''), TURN.reasoning);
    const calls = parts.flatMap((p) => p.message.tool_calls ?? []);
    assert.deepEqual(
      calls.map((c) => [c.function.name, c.function.arguments]),
      [
        ['get_weather', { city: 'Paris', days: 3 }],
        ['get_time', { zone: 'Europe/Paris' }],
      ],
    );
    assert.ok(calls.every((c) => !('id' in c)), 'native tool calls carry no id');
    const last = parts[parts.length - 1];
    assert.equal(last.done, true);
    assert.equal(last.done_reason, 'stop');
    assert.equal(last.prompt_eval_count, 31);
    assert.equal(last.eval_count, 12);
    assert.equal(last.message.content, '');
    assert.equal(typeof last.total_duration, 'number');
    assert.equal(parts.slice(0, -1).every((p) => p.done === false && p.model === 'qwen3:8b'), true);
    assert.equal(upstream.turnRequests[0].body.think, true);
  } finally {
    await upstream.close();
  }
});

test('ollama /api/chat: NDJSON content type, streaming by default, non-stream object', async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'short answer', finish: 'length' }) });
  try {
    const res = await fetch(`${upstream.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
    const lines = (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as ChatResponse);
    assert.equal(lines[lines.length - 1].done_reason, 'length');

    const reply = await new Ollama({ host: upstream.url }).chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: false });
    assert.equal(reply.done, true);
    assert.equal(reply.message.role, 'assistant');
    assert.equal(reply.message.content, 'short answer');
  } finally {
    await upstream.close();
  }
});

test('ollama tags, show, embed, version and unknown-model 404', async () => {
  const upstream = await startMockUpstream({
    dialect: 'ollama',
    models: ['qwen2.5-coder:latest', 'qwen3:8b'],
    architecture: 'qwen2',
    contextLength: 32768,
    embeddingDims: 8,
    script: () => ({ text: 'x' }),
  });
  try {
    const ollama = new Ollama({ host: upstream.url });
    const tags = await ollama.list();
    assert.deepEqual(tags.models.map((m) => m.name), ['qwen2.5-coder:latest', 'qwen3:8b']);
    const show = await ollama.show({ model: 'qwen2.5-coder' });
    assert.equal((show.model_info as unknown as Record<string, unknown>)['qwen2.context_length'], 32768);
    const embedded = await ollama.embed({ model: 'qwen3:8b', input: ['a', 'b'] });
    assert.equal(embedded.embeddings.length, 2);
    assert.equal(embedded.embeddings[0].length, 8);
    assert.notDeepEqual(embedded.embeddings[0], embedded.embeddings[1]);
    assert.deepEqual((await ollama.embed({ model: 'qwen3:8b', input: 'a' })).embeddings[0], embedded.embeddings[0]);
    assert.match((await ollama.version()).version, /^\d+\.\d+\.\d+$/);

    await assert.rejects(ollama.chat({ model: 'missing', messages: [{ role: 'user', content: 'hi' }] }), (error: Error & { status_code?: number }) => {
      assert.equal(error.status_code, 404);
      assert.equal(error.message, 'model "missing" not found, try pulling it first');
      return true;
    });
    assert.equal(upstream.turnRequests.length, 0, 'unknown models never reach the script');
  } finally {
    await upstream.close();
  }
});
