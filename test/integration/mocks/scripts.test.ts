/**
 * shellToolScript in all four dialects: the tool call on the first turn, and the tool output found
 * in the follow-up request however the dialect carries it (shapes as in the captured CLI requests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MockDialect, RecordedRequest } from '../../support/mock-upstream/index.js';
import { shellToolScript, trailingToolOutputs, unwrapShellOutput } from '../../support/scripts.js';

function request(dialect: MockDialect, body: Record<string, unknown>): RecordedRequest {
  const rawBody = JSON.stringify(body);
  return { dialect, method: 'POST', path: '/', url: '/', query: {}, headers: {}, body, rawBody, receivedAt: 0 };
}

const CODEX_OUTPUT = 'Chunk ID: 0978ed\nWall time: 0.2927 seconds\nProcess exited with code 0\nOriginal token count: 4\nOutput:\nproxied-tool-ok\n';
const CHAT_TOOLS = [{ type: 'function', function: { name: 'exec_command', parameters: {} } }];

/** The second request of a Codex shell turn, as each upstream dialect would carry it. */
const FOLLOW_UPS: Record<MockDialect, Record<string, unknown>> = {
  'openai-responses': {
    tools: [{ type: 'function', name: 'exec_command', parameters: {} }],
    input: [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'do it' }] },
      { type: 'function_call', name: 'exec_command', arguments: '{"cmd":"echo proxied-tool-ok"}', call_id: 'call_1' },
      { type: 'function_call_output', call_id: 'call_1', output: CODEX_OUTPUT },
    ],
  },
  'openai-chat': {
    tools: CHAT_TOOLS,
    messages: [
      { role: 'user', content: 'do it' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'exec_command', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: CODEX_OUTPUT },
    ],
  },
  ollama: {
    tools: CHAT_TOOLS,
    messages: [
      { role: 'user', content: 'do it' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'exec_command', arguments: { cmd: 'x' } } }] },
      { role: 'tool', tool_name: 'exec_command', content: CODEX_OUTPUT },
    ],
  },
  anthropic: {
    tools: [{ name: 'exec_command', input_schema: {} }],
    messages: [
      { role: 'user', content: 'do it' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'exec_command', input: { cmd: 'x' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: CODEX_OUTPUT }] }] },
    ],
  },
  bedrock: {
    toolConfig: { tools: [{ toolSpec: { name: 'exec_command', inputSchema: { json: {} } } }] },
    messages: [
      { role: 'user', content: [{ text: 'do it' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'exec_command', input: { cmd: 'x' } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: CODEX_OUTPUT }], status: 'success' } }] },
    ],
  },
};

for (const dialect of Object.keys(FOLLOW_UPS) as MockDialect[]) {
  test(`shellToolScript (${dialect}): calls the tool once, then answers with the unwrapped output`, async () => {
    const script = shellToolScript({ cli: 'codex', command: 'echo proxied-tool-ok' });
    const body = FOLLOW_UPS[dialect];
    const first = await script(request(dialect, { ...body, input: [], messages: [{ role: 'user', content: 'do it' }] }), 0);
    assert.deepEqual(first.toolCalls, [{ name: 'exec_command', arguments: { cmd: 'echo proxied-tool-ok' } }]);
    const second = await script(request(dialect, body), 1);
    assert.equal(second.text, 'FINAL: proxied-tool-ok');
    assert.equal(second.toolCalls, undefined);
  });
}

test('shellToolScript: a lost tool result answers "FINAL: no tool output" instead of calling again', async () => {
  const script = shellToolScript({ cli: 'claude', command: 'echo x' });
  const tools = [{ name: 'Bash', input_schema: {} }];
  const first = await script(request('anthropic', { tools, messages: [{ role: 'user', content: 'go' }] }), 0);
  assert.equal(first.toolCalls?.[0].name, 'Bash');
  assert.deepEqual(first.toolCalls?.[0].arguments.command, 'echo x');
  const lost = {
    tools,
    messages: [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'echo x' } }] },
      { role: 'user', content: [{ type: 'text', text: 'continue' }] },
    ],
  };
  assert.equal((await script(request('anthropic', lost), 1)).text, 'FINAL: no tool output');
});

test('shellToolScript: a retried first request gets the call again, at most three times', async () => {
  const script = shellToolScript({ cli: 'codex', command: 'echo x' });
  const body = { tools: [{ type: 'function', name: 'exec_command' }], input: [{ type: 'message', role: 'user', content: 'go' }] };
  const replies = [];
  for (let turn = 0; turn < 4; turn++) replies.push(await script(request('openai-responses', body), turn));
  assert.deepEqual(
    replies.map((r) => (r.toolCalls ? 'call' : r.text)),
    ['call', 'call', 'call', 'FINAL: no tool output'],
  );
});

test('shellToolScript: a request that does not declare the shell tool gets text, not a call', async () => {
  const script = shellToolScript({ cli: 'claude', command: 'echo x' });
  const reply = await script(request('anthropic', { messages: [{ role: 'user', content: 'title please' }] }), 0);
  assert.equal(reply.toolCalls, undefined);
});

test('trailingToolOutputs ignores tool results from earlier turns', () => {
  const req = request('openai-chat', {
    messages: [
      { role: 'tool', tool_call_id: 'old', content: 'old output' },
      { role: 'assistant', content: 'done' },
      { role: 'user', content: 'next' },
    ],
  });
  assert.deepEqual(trailingToolOutputs(req), []);
  assert.equal(unwrapShellOutput('  plain\n'), 'plain');
});
