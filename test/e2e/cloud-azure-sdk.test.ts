/**
 * The official `openai` SDK (v6) on both sides of Lynkr's Azure OpenAI support:
 * - as Azure's own client (`AzureOpenAI`, and `OpenAI` on the v1 base) against the Azure mock:
 *   the mock serves the exact paths, `api-version` and credentials the SDK sends to Azure, so
 *   the mock the end-to-end tests rely on cannot drift from the real service;
 * - as Lynkr's client: a Chat Completions client whose call Lynkr translates to an Azure
 *   Responses deployment (openai-responses egress codec) and back, tool call included, and a
 *   Responses client on the pass-through fast path.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockTurn } from '../support/mock-upstream/index.js';

const KEY = 'azure-sdk-key';
const VERSION = '2025-04-01-preview';

test('AzureOpenAI SDK against the Azure mock: deployment chat completions, Responses, and the v1 base', { timeout: 30_000 }, async () => {
  const chat = await startMockUpstream({ dialect: 'openai-chat', apiKey: KEY, script: () => ({ text: 'chat via azure' }) });
  const responses = await startMockUpstream({ dialect: 'openai-responses', apiKey: KEY, script: () => ({ text: 'responses via azure' }) });
  try {
    const azureChat = new AzureOpenAI({ endpoint: chat.url, apiKey: KEY, apiVersion: VERSION, maxRetries: 0 });
    const stream = await azureChat.chat.completions.create({ model: 'gpt-4o-prod', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'chat via azure');
    const c = chat.requests[0];
    assert.equal(c.path, '/openai/deployments/gpt-4o-prod/chat/completions');
    assert.equal(c.query['api-version'], VERSION);
    assert.equal(c.headers['api-key'], KEY);

    const azureResponses = new AzureOpenAI({ endpoint: responses.url, apiKey: KEY, apiVersion: VERSION, maxRetries: 0 });
    const r1 = await azureResponses.responses.create({ model: 'gpt-5-prod', input: 'hi' });
    assert.equal(r1.output_text, 'responses via azure');
    assert.equal(responses.requests[0].path, '/openai/responses');
    assert.equal(responses.requests[0].query['api-version'], VERSION);
    assert.equal(responses.requests[0].headers['api-key'], KEY);

    const v1 = new OpenAI({ baseURL: `${responses.url}/openai/v1`, apiKey: KEY, maxRetries: 0 });
    const r2 = await v1.responses.stream({ model: 'gpt-5-prod', input: 'hi' }).finalResponse();
    assert.equal(r2.output_text, 'responses via azure');
    assert.equal(responses.requests[1].path, '/openai/v1/responses');
    assert.equal(responses.requests[1].headers.authorization, `Bearer ${KEY}`);

    // A wrong key gets Azure's 401, which the SDK surfaces as an authentication error.
    const wrong = new AzureOpenAI({ endpoint: chat.url, apiKey: 'nope', apiVersion: VERSION, maxRetries: 0 });
    await assert.rejects(wrong.chat.completions.create({ model: 'd', messages: [{ role: 'user', content: 'x' }] }), OpenAI.AuthenticationError);
  } finally {
    await chat.close();
    await responses.close();
  }
});

test('OpenAI SDK chat client → Lynkr → Azure Responses deployment: text and a tool call come back as chat', { timeout: 30_000 }, async () => {
  const turn: MockTurn = { reasoning: 'Check the weather tool.', text: 'Let me check.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] };
  const upstream = await startMockUpstream({ dialect: 'openai-responses', apiKey: KEY, script: () => turn });
  try {
    await withLynkr(
      { MODEL_PROVIDER: 'azure-openai', AZURE_OPENAI_ENDPOINT: `${upstream.url}/openai/v1`, AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: 'gpt-5-prod' },
      async (url) => {
        const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'client', maxRetries: 0 });
        const tools: OpenAI.Chat.ChatCompletionTool[] = [
          { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
        ];
        const done = await client.chat.completions
          .stream({
            model: 'gpt-4o',
            messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Weather in Paris?' }],
            tools,
            stream_options: { include_usage: true },
          })
          .finalChatCompletion();
        const choice = done.choices[0];
        assert.equal(choice.finish_reason, 'tool_calls');
        assert.equal(choice.message.content, 'Let me check.');
        const call = choice.message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
        assert.equal(call.function.name, 'get_weather');
        assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
        assert.ok(done.usage && done.usage.total_tokens > 0);

        // The Responses client takes the fast path: the mock's own response object comes back.
        const viaResponses = await client.responses.stream({ model: 'gpt-5.5', input: 'hi' }).finalResponse();
        assert.equal(viaResponses.output_text, 'Let me check.');
        assert.equal(viaResponses.output.find((i) => i.type === 'function_call')?.name, 'get_weather');
      },
    );
    const [translated, passedThrough] = upstream.turnRequests;
    assert.equal(translated.path, '/openai/v1/responses');
    assert.equal(translated.headers['api-key'], KEY);
    assert.equal(translated.body.model, 'gpt-5-prod');
    assert.equal(translated.body.instructions, 'Be brief.');
    assert.deepEqual(translated.body.tools[0].name, 'get_weather');
    assert.deepEqual(passedThrough.body, { model: 'gpt-5-prod', input: 'hi', stream: true });
  } finally {
    await upstream.close();
  }
});
