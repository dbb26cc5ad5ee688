/**
 * The official `openai` SDK (v6) as the client: a loopback node:http server answers with
 * `encodeStream` / `encodeResponse` output and the SDK's own stream accumulator and parser
 * must accept it (wire-contract §3.1). The SDK is stricter than Codex in one way: it throws
 * on unknown event types and on events for output indexes it has not seen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { encodeResponse, encodeStream } from '../../../src/dialects/openai-responses/index.js';
import { LynkrError } from '../../../src/ir/errors.js';
import type { IrResponse, IrStreamEvent } from '../../../src/ir/types.js';
import { makeCtx, streamOf } from './helpers.js';

interface Served {
  client: OpenAI;
  close: () => Promise<void>;
  bodies: unknown[];
}

/** Serves one canned answer per POST /responses: SSE from IR events, or JSON from an IrResponse. */
async function serve(answer: IrStreamEvent[] | IrResponse): Promise<Served> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', async () => {
      bodies.push(JSON.parse(raw));
      if (req.method !== 'POST' || !req.url?.endsWith('/responses')) {
        res.writeHead(404).end();
        return;
      }
      const ctx = makeCtx();
      if (Array.isArray(answer)) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for await (const chunk of encodeStream(streamOf(answer), ctx)) res.write(chunk);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(encodeResponse(answer, ctx)));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'x', maxRetries: 0 });
  return { client, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const usage = { inputTokens: 12, outputTokens: 5, cachedInputTokens: 4, reasoningTokens: 2 };

test('SDK responses.stream accumulates text and reports completed with usage', async () => {
  const s = await serve([
    { type: 'start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Hello, ' },
    { type: 'keepalive' },
    { type: 'text-delta', id: 't', delta: 'world' },
    { type: 'text-end', id: 't' },
    { type: 'finish', reason: 'stop', usage },
  ]);
  try {
    const stream = s.client.responses.stream({ model: 'm', input: 'hi' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    assert.deepEqual(deltas, ['Hello, ', 'world']);
    assert.equal(final.status, 'completed');
    assert.equal(final.output_text, 'Hello, world');
    assert.equal(final.model, 'gpt-5.5');
    assert.equal(final.usage?.total_tokens, 17);
    assert.equal(final.usage?.input_tokens_details.cached_tokens, 4);
    assert.equal((s.bodies[0] as { stream: boolean }).stream, true);
  } finally {
    await s.close();
  }
});

test('SDK stream with reasoning, keepalive mid-call, function, custom and namespaced calls', async () => {
  const s = await serve([
    { type: 'reasoning-start', id: 'r', provider: 'deepseek' },
    { type: 'reasoning-delta', id: 'r', delta: 'Plan: ' },
    { type: 'keepalive' },
    { type: 'reasoning-delta', id: 'r', delta: 'run ls' },
    { type: 'reasoning-end', id: 'r' },
    { type: 'text-delta', id: 't', delta: 'Running.' },
    { type: 'text-end', id: 't' },
    { type: 'tool-call-start', id: 'call_1', name: 'exec_command', toolKind: 'function' },
    { type: 'tool-call-delta', id: 'call_1', delta: '{"cmd":' },
    { type: 'keepalive' },
    { type: 'tool-call-delta', id: 'call_1', delta: '"ls"}' },
    { type: 'tool-call-end', id: 'call_1' },
    { type: 'tool-call-start', id: 'call_2', name: 'apply_patch', toolKind: 'custom' },
    { type: 'tool-call-delta', id: 'call_2', delta: '*** Begin Patch\n*** End Patch' },
    { type: 'tool-call-end', id: 'call_2' },
    { type: 'tool-call-start', id: 'call_3', name: 'close_agent', namespace: 'multi_agent_v1', toolKind: 'function' },
    { type: 'tool-call-end', id: 'call_3' },
    { type: 'opaque', dialect: 'openai-responses', value: { type: 'compaction', id: 'cmp_1', encrypted_content: 'e' } },
    { type: 'finish', reason: 'tool_calls', usage },
  ]);
  try {
    const stream = await s.client.responses.create({ model: 'm', input: 'hi', stream: true });
    const types: string[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.completed') completed = event.response;
    }
    assert.equal(types[0], 'response.created');
    assert.equal(types[types.length - 1], 'response.completed');
    assert.ok(completed);
    assert.deepEqual(
      completed.output.map((o) => o.type),
      ['reasoning', 'message', 'function_call', 'custom_tool_call', 'function_call', 'compaction'],
    );

    const s2 = await serve([
      { type: 'reasoning-delta', id: 'r', delta: 'Plan' },
      { type: 'keepalive' },
      { type: 'tool-call-start', id: 'call_1', name: 'f', toolKind: 'function' },
      { type: 'tool-call-delta', id: 'call_1', delta: '{"a":' },
      { type: 'keepalive' },
      { type: 'tool-call-delta', id: 'call_1', delta: '1}' },
      { type: 'tool-call-start', id: 'call_2', name: 'close_agent', namespace: 'multi_agent_v1', toolKind: 'function' },
      { type: 'tool-call-start', id: 'call_3', name: 'apply_patch', toolKind: 'custom' },
      { type: 'tool-call-delta', id: 'call_3', delta: 'raw' },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    try {
      const final = await s2.client.responses.stream({ model: 'm', input: 'hi' }).finalResponse();
      assert.equal(final.status, 'completed');
      const [rs, fc, ns, ctc] = final.output as unknown as Array<Record<string, unknown>>;
      assert.equal(rs.type, 'reasoning');
      assert.deepEqual(rs.summary, [{ type: 'summary_text', text: 'Plan' }]);
      assert.deepEqual([fc.type, fc.name, fc.arguments, fc.call_id], ['function_call', 'f', '{"a":1}', 'call_1']);
      assert.deepEqual([ns.name, ns.namespace, ns.arguments], ['close_agent', 'multi_agent_v1', '{}']);
      assert.deepEqual([ctc.type, ctc.input], ['custom_tool_call', 'raw']);
    } finally {
      await s2.close();
    }
  } finally {
    await s.close();
  }
});

test('SDK sees response.incomplete and response.failed as terminal responses', async () => {
  const s = await serve([
    { type: 'text-delta', id: 't', delta: 'trunc' },
    { type: 'finish', reason: 'length' },
  ]);
  try {
    const final = await s.client.responses.stream({ model: 'm', input: 'hi' }).finalResponse();
    assert.equal(final.status, 'incomplete');
    assert.equal(final.incomplete_details?.reason, 'max_output_tokens');
    assert.equal(final.output_text, 'trunc');
  } finally {
    await s.close();
  }

  const f = await serve([
    { type: 'text-delta', id: 't', delta: 'x' },
    { type: 'error', error: new LynkrError('rate_limited', 'Slow down.', { retryAfterSeconds: 3 }) },
  ]);
  try {
    const final = await f.client.responses.stream({ model: 'm', input: 'hi' }).finalResponse();
    assert.equal(final.status, 'failed');
    assert.equal(final.error?.code, 'rate_limit_exceeded');
    assert.equal(final.error?.message, 'Slow down. Please try again in 3s.');
  } finally {
    await f.close();
  }
});

test('SDK non-stream responses.create parses encodeResponse: output_text and status completed', async () => {
  const res: IrResponse = {
    id: 'up_1',
    model: 'upstream-model',
    parts: [
      { type: 'reasoning', text: 'thinking', signature: 'SIG', provider: 'anthropic' },
      { type: 'text', text: 'Hello ' },
      { type: 'text', text: 'there' },
      { type: 'tool_call', id: 'call_1', name: 'exec_command', toolKind: 'function', arguments: '' },
      { type: 'tool_call', id: 'call_2', name: 'apply_patch', toolKind: 'custom', arguments: '*** Begin Patch' },
      { type: 'tool_call', id: 'call_3', name: 'close_agent', namespace: 'multi_agent_v1', toolKind: 'function', arguments: '{}' },
    ],
    finishReason: 'tool_calls',
    usage,
  };
  const s = await serve(res);
  try {
    const out = await s.client.responses.create({ model: 'm', input: 'hi' });
    assert.equal(out.status, 'completed');
    assert.equal(out.output_text, 'Hello there');
    assert.equal(out.id, 'resp_test');
    assert.equal(out.model, 'gpt-5.5');
    assert.equal(out.usage?.total_tokens, 17);
    const items = out.output as unknown as Array<Record<string, unknown>>;
    assert.deepEqual(
      items.map((i) => i.type),
      ['reasoning', 'message', 'message', 'function_call', 'custom_tool_call', 'function_call'],
    );
    assert.equal(items[3].arguments, '{}');
    assert.equal(items[4].input, '*** Begin Patch');
    assert.equal(items[5].namespace, 'multi_agent_v1');
    assert.match(String(items[0].encrypted_content), /^lynkr:/);
  } finally {
    await s.close();
  }
});
