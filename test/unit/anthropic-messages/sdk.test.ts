/**
 * The encoders' output read by the real Anthropic TypeScript SDK (the same client family
 * Claude Code is built on): a node:http server on 127.0.0.1 answers POST /v1/messages with
 * `encodeStream`, `encodeResponse` or `encodeError`, and the SDK must assemble the message.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { anthropicMessagesCodec as codec } from '../../../src/dialects/anthropic-messages/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrResponse, IrStreamEvent } from '../../../src/ir/types.js';
import { from, ingressContext } from './helpers.js';

/** What the fake Lynkr answers, chosen by the request's model name. */
const SCRIPTS: Record<string, IrStreamEvent[]> = {
  'claude-tool': [
    { type: 'start', usage: { inputTokens: 500, cachedInputTokens: 400 } },
    { type: 'reasoning-start', id: 'r', provider: 'anthropic' },
    { type: 'reasoning-delta', id: 'r', delta: 'The user wants ' },
    { type: 'reasoning-delta', id: 'r', delta: 'an echo.' },
    { type: 'reasoning-end', id: 'r', signature: 'SIG_abc123' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'I will run ' },
    { type: 'text-delta', id: 't', delta: 'a command.' },
    { type: 'text-end', id: 't' },
    { type: 'tool-call-start', id: 'call_1', name: 'Bash', toolKind: 'function' },
    { type: 'tool-call-start', id: 'call_2', name: 'Read', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_1', delta: '{"command": "echo cc' },
    { type: 'tool-call-delta', id: 'call_2', delta: '{"file_path": "/tmp/a"}' },
    { type: 'tool-call-delta', id: 'call_1', delta: '-tool-ok", "description": "Echo test"}' },
    { type: 'keepalive' },
    { type: 'tool-call-end', id: 'call_2' },
    { type: 'tool-call-end', id: 'call_1' },
    { type: 'usage', usage: { inputTokens: 500, cachedInputTokens: 400, outputTokens: 77 } },
    { type: 'finish', reason: 'tool_calls' },
  ],
  'claude-overloaded': [
    { type: 'start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Hel' },
    { type: 'error', error: new LynkrError('overloaded', 'Overloaded') },
  ],
};

const RESPONSE: IrResponse = {
  id: 'upstream-id',
  model: 'some-local-model',
  parts: [
    { type: 'reasoning', text: 'hmm', signature: 'SIG_1', provider: 'anthropic' },
    { type: 'text', text: 'Listing files.' },
    { type: 'tool_call', id: 'toolu_9', name: 'Bash', toolKind: 'function', arguments: '{"command":"ls"}' },
  ],
  finishReason: 'tool_calls',
  usage: { inputTokens: 20, outputTokens: 9, cachedInputTokens: 5 },
};

const ERRORS: Record<string, LynkrError> = {
  'claude-429': new LynkrError('rate_limited', 'Rate limited by upstream', { retryAfterSeconds: 3 }),
  'claude-529': new LynkrError('overloaded', 'Upstream overloaded'),
  'claude-long': new LynkrError('context_length_exceeded', "This model's maximum context length is 128000 tokens. However, your messages resulted in 150000 tokens."),
};

let server: Server;
let client: Anthropic;
const seen: unknown[] = [];

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; stream?: boolean };
        const ir = codec.decodeRequest(body); // the SDK's own request must decode
        seen.push(ir);
        const ctx = ingressContext(ir, body.model);
        const err = ERRORS[body.model];
        if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
          res.writeHead(404).end();
        } else if (err) {
          const e = codec.encodeError(err);
          res.writeHead(e.status, { 'content-type': 'application/json', ...e.headers }).end(JSON.stringify(e.body));
        } else if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          for await (const chunk of codec.encodeStream(from(SCRIPTS[body.model] ?? []), ctx)) res.write(chunk);
          res.end();
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(codec.encodeResponse(RESPONSE, ctx)));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'x', maxRetries: 0 });
});

after(async () => {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

test('SDK messages.stream().finalMessage() assembles thinking, text and tool inputs', async () => {
  const stream = client.messages.stream({
    model: 'claude-tool',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'run echo cc-tool-ok using Bash' }],
    tools: [{ name: 'Bash', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
  });
  const msg = await stream.finalMessage();
  assert.equal(msg.id, 'msg_test_01');
  assert.equal(msg.model, 'claude-tool');
  assert.equal(msg.stop_reason, 'tool_use');
  assert.deepEqual(msg.content, [
    { type: 'thinking', thinking: 'The user wants an echo.', signature: 'SIG_abc123' },
    { type: 'text', text: 'I will run a command.' },
    { type: 'tool_use', id: 'call_1', name: 'Bash', input: { command: 'echo cc-tool-ok', description: 'Echo test' } },
    { type: 'tool_use', id: 'call_2', name: 'Read', input: { file_path: '/tmp/a' } },
  ]);
  assert.equal(msg.usage.input_tokens, 100);
  assert.equal(msg.usage.cache_read_input_tokens, 400);
  assert.equal(msg.usage.output_tokens, 77);
  const ir = seen.at(-1) as { tools: unknown[]; stream: boolean };
  assert.equal(ir.stream, true);
  assert.equal(ir.tools.length, 1);
});

test('SDK messages.create() (non-streaming) reads encodeResponse', async () => {
  const msg = await client.messages.create({ model: 'claude-fallback', max_tokens: 64, messages: [{ role: 'user', content: 'ls' }] });
  assert.equal(msg.model, 'claude-fallback');
  assert.equal(msg.stop_reason, 'tool_use');
  assert.deepEqual(msg.content, [
    { type: 'thinking', thinking: 'hmm', signature: 'SIG_1' },
    { type: 'text', text: 'Listing files.' },
    { type: 'tool_use', id: 'toolu_9', name: 'Bash', input: { command: 'ls' } },
  ]);
  assert.deepEqual(msg.usage, { input_tokens: 15, output_tokens: 9, cache_read_input_tokens: 5, cache_creation_input_tokens: 0 });
});

test('SDK surfaces an in-stream error event as an APIError of the right type', async () => {
  const stream = client.messages.stream({ model: 'claude-overloaded', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
  await assert.rejects(stream.finalMessage(), (err: unknown) => {
    assert.ok(err instanceof Anthropic.APIError);
    assert.equal((err.error as { error: { type: string } }).error.type, 'overloaded_error');
    return true;
  });
});

test('SDK reads encodeError statuses, types and headers', async () => {
  const call = (model: string) => client.messages.create({ model, max_tokens: 8, messages: [{ role: 'user', content: 'x' }] });
  await assert.rejects(call('claude-429'), (err: unknown) => {
    assert.ok(err instanceof Anthropic.RateLimitError);
    assert.equal(err.status, 429);
    assert.equal(err.headers?.get('retry-after'), '3');
    assert.equal((err.error as { error: { type: string } }).error.type, 'rate_limit_error');
    return true;
  });
  await assert.rejects(call('claude-529'), (err: unknown) => {
    assert.ok(err instanceof Anthropic.InternalServerError);
    assert.equal(err.status, 529);
    assert.equal((err.error as { error: { type: string } }).error.type, 'overloaded_error');
    return true;
  });
  await assert.rejects(call('claude-long'), (err: unknown) => {
    assert.ok(err instanceof Anthropic.BadRequestError);
    assert.equal((err.error as { error: { message: string } }).error.message, 'prompt is too long: 150000 tokens > 128000 maximum');
    return true;
  });
});
