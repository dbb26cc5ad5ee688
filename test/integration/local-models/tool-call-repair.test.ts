/**
 * Tool calls a local model writes as text reach every kind of client as real calls of its
 * dialect, streamed and not: OpenAI Chat `tool_calls`, Anthropic `tool_use`, Responses
 * `function_call` (with its namespace) and `custom_tool_call` (raw input). Read back with
 * the official SDKs, which must accept what Lynkr sends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { withLynkr } from '../../support/lynkr.js';
import { startMockUpstream, type MockUpstream } from '../../support/mock-upstream/index.js';
import { renderTextToolCall } from '../../support/mock-upstream/local-model-scripts.js';

type Json = Record<string, any>;

/** The model's whole answer is the text the test puts in the request's last user message. */
const echoScript = (req: { body: any }) => {
  const last = (req.body.messages as Json[]).at(-1)!;
  return { text: String(last.content) };
};

describe('text tool calls through Lynkr to each client dialect (Ollama upstream)', () => {
  let upstream: MockUpstream;
  before(async () => {
    upstream = await startMockUpstream({ dialect: 'ollama', script: echoScript });
  });
  after(() => upstream.close());
  const env = () => ({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url });
  const weatherTool = { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

  test('OpenAI Chat clients get tool_calls and finish_reason tool_calls, streamed and not', async () => {
    await withLynkr(env(), async (url) => {
      const client = new OpenAI({ apiKey: 'x', baseURL: `${url}/v1`, maxRetries: 0 });
      const text = 'Checking.\n' + renderTextToolCall({ format: 'qwen', name: 'get_weather', args: { city: 'Paris' } });
      const params = { model: 'gpt-4o', tools: [{ type: 'function' as const, function: weatherTool }], messages: [{ role: 'user' as const, content: text }] };
      const plain = await client.chat.completions.create(params);
      assert.equal(plain.choices[0].finish_reason, 'tool_calls');
      assert.equal(plain.choices[0].message.content, 'Checking.\n');
      const call = plain.choices[0].message.tool_calls![0] as { id: string; function: { name: string; arguments: string } };
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
      assert.match(call.id, /^call_/);

      const stream = client.chat.completions.stream({ ...params, stream: true });
      const final = await stream.finalChatCompletion();
      assert.equal(final.choices[0].finish_reason, 'tool_calls');
      const streamed = final.choices[0].message.tool_calls![0] as { function: { name: string; arguments: string } };
      assert.deepEqual(JSON.parse(streamed.function.arguments), { city: 'Paris' });

      // A text that only mentions a call stays an answer.
      const prose = await client.chat.completions.create({ ...params, messages: [{ role: 'user', content: 'Use {"name": "get_weather"} for that.' }] });
      assert.equal(prose.choices[0].finish_reason, 'stop');
      assert.equal(prose.choices[0].message.content, 'Use {"name": "get_weather"} for that.');
    });
  });

  test('Anthropic clients get tool_use blocks and stop_reason tool_use, streamed and not', async () => {
    await withLynkr(env(), async (url) => {
      const client = new Anthropic({ apiKey: 'x', baseURL: url, maxRetries: 0 });
      const text = renderTextToolCall({ format: 'qwen3-coder', name: 'get_weather', args: { city: 'Oslo' } });
      const params = {
        model: 'claude-sonnet-4-5',
        max_tokens: 1000,
        tools: [{ name: 'get_weather', description: weatherTool.description, input_schema: weatherTool.parameters as Anthropic.Tool.InputSchema }],
        messages: [{ role: 'user' as const, content: text }],
      };
      const plain = await client.messages.create(params);
      assert.equal(plain.stop_reason, 'tool_use');
      assert.deepEqual(plain.content.map((b) => b.type), ['tool_use']);
      assert.deepEqual((plain.content[0] as Anthropic.ToolUseBlock).input, { city: 'Oslo' });

      const streamed = await client.messages.stream(params).finalMessage();
      assert.equal(streamed.stop_reason, 'tool_use');
      assert.deepEqual((streamed.content[0] as Anthropic.ToolUseBlock).input, { city: 'Oslo' });
    });
  });

  test('Responses clients get function_call with its namespace, and custom_tool_call with raw input', async () => {
    await withLynkr(env(), async (url) => {
      const tools = [
        { type: 'namespace', name: 'multi_agent_v1', description: 'agents', tools: [{ type: 'function', name: 'close_agent', parameters: { type: 'object', properties: { target: { type: 'string' } }, required: ['target'] } }] },
        { type: 'custom', name: 'apply_patch', description: 'patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } },
      ];
      const patch = '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch';
      const text = renderTextToolCall({ format: 'json', name: 'close_agent', args: { target: 'a1' } }) + '\n' + renderTextToolCall({ format: 'json', name: 'apply_patch', args: { input: patch } });
      const client = new OpenAI({ apiKey: 'x', baseURL: `${url}/v1`, maxRetries: 0 });
      const response = await client.responses
        .stream({ model: 'gpt-5.5', tools: tools as never, input: [{ role: 'user', content: text }] })
        .finalResponse();
      const items = response.output as Json[];
      assert.deepEqual(items.map((i) => i.type), ['function_call', 'custom_tool_call']);
      assert.equal(items[0].name, 'close_agent');
      assert.equal(items[0].namespace, 'multi_agent_v1');
      assert.deepEqual(JSON.parse(items[0].arguments), { target: 'a1' });
      assert.equal(items[1].name, 'apply_patch');
      assert.equal(items[1].input, patch);
      assert.notEqual(items[0].call_id, items[1].call_id);
    });
  });
});
