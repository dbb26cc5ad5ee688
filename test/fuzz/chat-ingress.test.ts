/**
 * Fuzzing the Chat Completions ingress (`POST /v1/chat/completions`, wire-contract §2.3)
 * through the real server. No chat client was captured, so the seeds are the captured Codex
 * and Claude Code requests converted to Chat Completions by Lynkr's own codecs (tools,
 * tool calls and results, images, reasoning settings), plus one body per §2.3 feature
 * (content arrays, `content: null` with `tool_calls`, legacy `functions`).
 */
import { anthropicMessagesCodec } from '../../src/dialects/anthropic-messages/index.js';
import { openaiChatCodec } from '../../src/dialects/openai-chat/index.js';
import { openaiResponsesCodec } from '../../src/dialects/openai-responses/index.js';
import type { IngressCodec } from '../../src/dialects/types.js';
import { ToolNameMap } from '../../src/ir/tool-names.js';
import { describeIngressFuzz, fixtureBodies, itemTypePaths, withSmallVariants, type JsonObject } from './fuzz-support.js';

function asChat(codec: IngressCodec, body: JsonObject): JsonObject {
  const req = codec.decodeRequest(body);
  const chat = openaiChatCodec.encodeRequest(req, { model: 'gpt-4o', toolNames: ToolNameMap.forRequest(req), stream: true }) as JsonObject;
  return { ...chat, model: 'gpt-4o', stream_options: { include_usage: true } };
}

const IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const HAND_WRITTEN: JsonObject[] = [
  {
    model: 'gpt-4o',
    stream: true,
    stream_options: { include_usage: true },
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
      { role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: IMAGE, detail: 'high' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
    ],
    tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: true } }],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    max_completion_tokens: 256,
    temperature: 0.2,
    top_p: 0.9,
    stop: ['\n\n'],
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
    reasoning_effort: 'low',
    user: 'u-1',
    n: 1,
  },
  {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'user', content: 'call the legacy function' },
      { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":"x"}' } },
      { role: 'function', name: 'lookup', content: 'found' },
    ],
    functions: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
    function_call: 'auto',
    max_tokens: 100,
  },
];

const seeds: JsonObject[] = withSmallVariants([
  ...Object.values(fixtureBodies('codex-0.169.0')).map((b) => asChat(openaiResponsesCodec, b)),
  ...Object.values(fixtureBodies('claude-code-2.1.197')).map((b) => asChat(anthropicMessagesCodec, b)),
  ...HAND_WRITTEN,
]);
describeIngressFuzz({
  name: 'Chat Completions ingress',
  statsLabel: 'Chat',
  path: '/v1/chat/completions',
  seeds,
  seedsNoun: 'seeds',
  seedsMustSucceed: true,
  shape: {
    dialect: 'openai',
    streamEnd: /data: \[DONE\]\n\n$/,
    isCompleteJson: (b) => b.object === 'chat.completion' && Array.isArray(b.choices),
  },
  fields: ['model', 'messages', 'tools', 'tool_choice', 'parallel_tool_calls', 'stream', 'stream_options', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'stop', 'response_format', 'reasoning_effort', 'user', 'n', 'functions', 'function_call'],
  unknownTypes: { noun: 'content-part types', paths: itemTypePaths('messages', 'content') },
});
