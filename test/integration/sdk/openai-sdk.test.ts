/**
 * The official `openai` SDK against Lynkr (Ollama mock upstream): it parses Lynkr's Chat
 * Completions stream (text and usage) and a non-streamed Responses call, and Responses'
 * store / previous_response_id / GET / DELETE work for non-Codex clients.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import pino from 'pino';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { startMockUpstream, type MockUpstream } from '../../support/mock-upstream/index.js';

describe('openai SDK through Lynkr', () => {
  let upstream: MockUpstream;
  let server: RunningServer;
  let client: OpenAI;
  before(async () => {
    upstream = await startMockUpstream({
      dialect: 'ollama',
      script: (req) => {
        const msgs = (req.body as { messages: Array<{ role: string; content: string }> }).messages;
        const last = msgs.filter((m) => m.role === 'user').at(-1)?.content ?? '';
        return { text: `echo(${last}) after ${msgs.length} messages`, usage: { input: 42, output: 7 } };
      },
    });
    server = await startServer({ env: { OLLAMA_ENDPOINT: upstream.url, OLLAMA_MODEL: 'qwen2.5-coder:7b' }, port: 0, logger: pino({ level: 'silent' }) });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    await upstream.close();
  });

  test('Chat Completions stream: text and usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
      assert.equal(chunk.model, 'gpt-4o', 'the requested model is reported');
    }
    assert.equal(text, 'echo(hello) after 1 messages');
    assert.equal(finish, 'stop');
    assert.equal(usage?.prompt_tokens, 42);
    assert.equal(usage?.completion_tokens, 7);
    assert.equal(usage?.total_tokens, 49);
  });

  test('Chat Completions non-stream', async () => {
    const res = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'again' }] });
    assert.equal(res.choices[0].message.content, 'echo(again) after 1 messages');
    assert.equal(res.usage?.prompt_tokens, 42);
  });

  test('Responses non-stream: output_text and status completed; x-lynkr-model names the model used', async () => {
    const { data, response } = await client.responses.create({ model: 'gpt-4o', input: 'hi there', store: false }).withResponse();
    assert.equal(data.status, 'completed');
    assert.equal(data.output_text, 'echo(hi there) after 1 messages');
    assert.equal(data.model, 'gpt-4o');
    assert.equal(data.usage?.total_tokens, 49);
    assert.equal(response.headers.get('x-lynkr-model'), 'qwen2.5-coder:7b');
    assert.equal(response.headers.get('openai-model'), null);
  });

  test('Responses store + previous_response_id carry the conversation; GET and DELETE', async () => {
    const first = await client.responses.create({ model: 'gpt-4o', input: 'remember me' });
    const second = await client.responses.create({ model: 'gpt-4o', input: 'and now', previous_response_id: first.id });
    // previous turn (user + assistant) + this user message = 3 messages upstream
    assert.equal(second.output_text, 'echo(and now) after 3 messages');
    const fetched = await client.responses.retrieve(first.id);
    assert.equal(fetched.output_text, first.output_text);
    const deleted = await client.responses.delete(first.id);
    void deleted;
    await assert.rejects(client.responses.retrieve(first.id), (err: unknown) => (err as { status?: number }).status === 404);
    await assert.rejects(
      client.responses.create({ model: 'gpt-4o', input: 'x', previous_response_id: 'resp_missing' }),
      (err: unknown) => (err as { status?: number }).status === 404,
    );
  });

  test('Responses stream through the SDK helper', async () => {
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'streamed', store: false });
    const final = await stream.finalResponse();
    assert.equal(final.status, 'completed');
    assert.equal(final.output_text, 'echo(streamed) after 1 messages');
  });
});
