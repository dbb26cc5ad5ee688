/**
 * The official `@anthropic-ai/sdk` against Lynkr translating to an Ollama upstream: streamed
 * `messages.stream(...).finalMessage()` and non-streamed `messages.create`, with the right
 * text, tool_use input and stop_reason.
 */
import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { startMockUpstream, type MockUpstream } from '../../support/mock-upstream/index.js';

describe('Anthropic SDK through Lynkr', () => {
  let upstream: MockUpstream;
  let server: RunningServer;
  let client: Anthropic;
  before(async () => {
    upstream = await startMockUpstream({
      dialect: 'ollama',
      script: (req) => {
        const body = req.body as { messages: Array<{ role: string; content: string }>; tools?: unknown[] };
        const last = body.messages.at(-1)?.content ?? '';
        if (last.includes('use the tool')) return { text: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], usage: { input: 30, output: 9 } };
        if (last.includes('long')) return { text: 'cut', finish: 'length', usage: { input: 5, output: 1 } };
        return { reasoning: 'thinking it over', text: `You said: ${last}`, usage: { input: 12, output: 4 } };
      },
    });
    server = await startServer({ env: { OLLAMA_ENDPOINT: upstream.url }, port: 0, logger: pino({ level: 'silent' }) });
    client = new Anthropic({ baseURL: server.url, apiKey: 'dummy', maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    await upstream.close();
  });

  test('stream().finalMessage(): thinking, text, end_turn, usage', async () => {
    const msg = await client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1000, messages: [{ role: 'user', content: 'hello' }] }).finalMessage();
    assert.equal(msg.model, 'claude-sonnet-4-5');
    assert.equal(msg.stop_reason, 'end_turn');
    const text = msg.content.filter((b) => b.type === 'text').map((b) => (b as Anthropic.TextBlock).text).join('');
    assert.equal(text, 'You said: hello');
    const thinking = msg.content.find((b) => b.type === 'thinking') as Anthropic.ThinkingBlock | undefined;
    assert.equal(thinking?.thinking, 'thinking it over');
    assert.equal(msg.usage.input_tokens, 12);
    assert.equal(msg.usage.output_tokens, 4);
  });

  test('stream with a tool call: tool_use input object and stop_reason tool_use', async () => {
    const msg = await client.messages
      .stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 1000,
        tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
        messages: [{ role: 'user', content: 'please use the tool' }],
      })
      .finalMessage();
    assert.equal(msg.stop_reason, 'tool_use');
    const use = msg.content.find((b) => b.type === 'tool_use') as Anthropic.ToolUseBlock;
    assert.equal(use.name, 'get_weather');
    assert.deepEqual(use.input, { city: 'Paris' });
  });

  test('non-stream create: text, end_turn; max_tokens stop reason', async () => {
    const msg = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'plain' }] });
    assert.equal(msg.stop_reason, 'end_turn');
    assert.equal((msg.content.find((b) => b.type === 'text') as Anthropic.TextBlock).text, 'You said: plain');
    const cut = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 1, messages: [{ role: 'user', content: 'a long one' }] });
    assert.equal(cut.stop_reason, 'max_tokens');
  });

  test('malformed Messages requests get Anthropic-shaped 400s, never a 500', async () => {
    const bad: unknown[] = [
      {},
      { model: 'x' },
      { model: 'x', messages: 'hello', max_tokens: 5 },
      { model: 'x', messages: [], max_tokens: 'many' },
      { model: 42, messages: [], max_tokens: 5 },
      [],
      'just a string',
      null,
    ];
    for (const body of bad) {
      const res = await fetch(`${server.url}/v1/messages?beta=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 400, JSON.stringify(body));
      const json = (await res.json()) as { type: string; error: { type: string; message: string } };
      assert.equal(json.type, 'error');
      assert.equal(json.error.type, 'invalid_request_error');
      assert.ok(json.error.message.length > 0);
    }
  });
});
