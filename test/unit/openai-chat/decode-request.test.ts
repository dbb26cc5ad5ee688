import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { LynkrError } from '../../../src/ir/errors.js';

function rejects(body: unknown, param: string | undefined) {
  assert.throws(
    () => openaiChatCodec.decodeRequest(body),
    (err: unknown) => LynkrError.isInstance(err) && err.code === 'invalid_request' && err.status === 400 && err.param === param,
    JSON.stringify(body),
  );
}

test('decodeRequest: bad bodies → invalid_request naming the param', () => {
  rejects(null, undefined);
  rejects([], undefined);
  rejects('hi', undefined);
  rejects({ messages: [] }, 'model');
  rejects({ model: '', messages: [] }, 'model');
  rejects({ model: 'm' }, 'messages');
  rejects({ model: 'm', messages: 'hi' }, 'messages');
  rejects({ model: 'm', messages: [], n: 2 }, 'n');
  rejects({ model: 'm', messages: [42] }, 'messages[0]');
  rejects({ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role');
  rejects({ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id');
  rejects({ model: 'm', messages: [{ role: 'user', content: 5 }] }, 'messages[0].content');
  rejects({ model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', function: {} }] }] }, 'messages[0].tool_calls[0].function.name');
  rejects({ model: 'm', messages: [], tools: {} }, 'tools');
  rejects({ model: 'm', messages: [], tools: [{ type: 'function', function: { description: 'x' } }] }, 'tools[0].function.name');
  rejects({ model: 'm', messages: [], tool_choice: 'sometimes' }, 'tool_choice');
  rejects({ model: 'm', messages: [], max_tokens: 0 }, 'max_tokens');
  rejects({ model: 'm', messages: [], max_completion_tokens: 'lots' }, 'max_completion_tokens');
  rejects({ model: 'm', messages: [], temperature: 'hot' }, 'temperature');
  rejects({ model: 'm', messages: [], stream: 'yes' }, 'stream');
  rejects({ model: 'm', messages: [], stop: [1] }, 'stop');
  rejects({ model: 'm', messages: [], response_format: { type: 'yaml' } }, 'response_format.type');
  rejects({ model: 'm', messages: [], reasoning_effort: 'extreme' }, 'reasoning_effort');
});

test('decodeRequest: a full chat body', () => {
  const req = openaiChatCodec.decodeRequest({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Use tools.' }] },
      { role: 'user', name: 'ann', content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
        { type: 'image_url', image_url: { url: 'https://x.test/a.jpg' } },
        { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
        { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
      ] },
      { role: 'assistant', content: null, reasoning_content: 'hmm', tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'look', arguments: '{"q":1}' } },
        { id: 'call_2', type: 'function', function: { name: 'look', arguments: '{"q":2}' } },
      ] },
      { role: 'tool', tool_call_id: 'call_1', content: 'one' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'two' }] },
      { role: 'system', content: 'Late note.' },
      { role: 'assistant', content: 'Done.' },
    ],
    tools: [
      { type: 'function', function: { name: 'look', description: 'Look it up', parameters: { type: 'object', properties: { q: { type: 'number' } } }, strict: true } },
      { type: 'custom', custom: { name: 'ignored' } },
    ],
    tool_choice: { type: 'function', function: { name: 'look' } },
    parallel_tool_calls: false,
    max_tokens: 100,
    max_completion_tokens: 200,
    temperature: 0.5,
    top_p: 0.8,
    stop: 'STOP',
    response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } },
    reasoning_effort: 'high',
    user: 'user-7',
    stream: true,
    stream_options: { include_usage: true },
    seed: 42,
    unknown_field: 'tolerated',
  });
  assert.deepEqual(req, {
    model: 'gpt-4o',
    system: [{ type: 'text', text: 'You are terse.' }, { type: 'text', text: 'Use tools.' }],
    messages: [
      { role: 'user', parts: [
        { type: 'text', text: 'What is this?' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' }, detail: 'low' },
        { type: 'image', source: { kind: 'url', url: 'https://x.test/a.jpg' } },
        { type: 'document', mediaType: 'application/pdf', data: 'JVBERi0=', title: 'a.pdf' },
      ] },
      { role: 'assistant', parts: [
        { type: 'reasoning', text: 'hmm' },
        { type: 'tool_call', id: 'call_1', name: 'look', toolKind: 'function', arguments: '{"q":1}' },
        { type: 'tool_call', id: 'call_2', name: 'look', toolKind: 'function', arguments: '{"q":2}' },
      ] },
      { role: 'tool', parts: [
        { type: 'tool_result', callId: 'call_1', content: [{ type: 'text', text: 'one' }] },
        { type: 'tool_result', callId: 'call_2', content: [{ type: 'text', text: 'two' }] },
      ] },
      { role: 'system', parts: [{ type: 'text', text: 'Late note.' }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'Done.' }] },
    ],
    tools: [{ kind: 'function', name: 'look', description: 'Look it up', parameters: { type: 'object', properties: { q: { type: 'number' } } }, strict: true }],
    toolChoice: { type: 'tool', name: 'look' },
    parallelToolCalls: false,
    maxOutputTokens: 200,
    temperature: 0.5,
    topP: 0.8,
    stop: ['STOP'],
    responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true },
    reasoning: { effort: 'high' },
    user: 'user-7',
    stream: true,
    extensions: { 'openai-chat': { include_usage: true, seed: 42 } },
  });
});

test('decodeRequest: defaults and legacy functions / function_call', () => {
  const req = openaiChatCodec.decodeRequest({
    model: 'm',
    messages: [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: null, function_call: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
      { role: 'function', name: 'get_weather', content: 'rain' },
    ],
    functions: [{ name: 'get_weather', parameters: { type: 'object' } }],
    function_call: 'auto',
    reasoning_effort: 'none',
  });
  assert.equal(req.stream, false);
  assert.deepEqual(req.extensions, { 'openai-chat': { include_usage: false } });
  assert.deepEqual(req.tools, [{ kind: 'function', name: 'get_weather', parameters: { type: 'object' } }]);
  assert.deepEqual(req.toolChoice, { type: 'auto' });
  assert.deepEqual(req.reasoning, { enabled: false });
  const call = req.messages[1].parts[0];
  const result = req.messages[2].parts[0];
  assert.equal(call.type, 'tool_call');
  assert.equal(result.type, 'tool_result');
  assert.ok(call.type === 'tool_call' && result.type === 'tool_result' && call.id === result.callId, 'the function result answers the legacy call');
  assert.equal(req.messages[2].role, 'tool');
});
