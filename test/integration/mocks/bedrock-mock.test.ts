/**
 * The bedrock mock against the official `@aws-sdk/client-bedrock-runtime`: the SDK signs with
 * SigV4 (the mock recomputes the signature), decodes the binary event stream the mock sends
 * (text, reasoning, tool use, usage), and names the mock's HTTP and in-stream errors with the
 * exception classes of the Bedrock API. Lynkr's own frame decoder reads the same bytes to the
 * same events, so neither can drift from AWS's format unnoticed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { awsEventStreamPayloads } from '../../../src/pipeline/frames/aws-event-stream.js';
import { startMockUpstream, type MockTurn } from '../../support/mock-upstream/index.js';
import { bedrockError } from '../../support/mock-upstream/render-bedrock.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const AWS = { accessKeyId: 'AKIAMOCKEXAMPLE', secretAccessKey: 'mock/secret/EXAMPLEKEY', region: 'us-west-2' };
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const TURN: MockTurn = {
  reasoning: 'The user wants a listing; run ls.',
  text: 'I will run a command.',
  toolCalls: [{ name: 'Bash', arguments: { command: 'ls -la "/tmp"', description: 'List files' } }],
  usage: { input: 120, output: 30 },
};
const MESSAGES = [{ role: 'user' as const, content: [{ text: 'list files' }] }];

function client(url: string, credentials: { accessKeyId: string; secretAccessKey: string } = AWS, region = AWS.region): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ region, endpoint: url, credentials, requestHandler: new NodeHttpHandler(), maxAttempts: 1 });
}

async function events(url: string): Promise<ConverseStreamOutput[]> {
  const out = await client(url).send(new ConverseStreamCommand({ modelId: MODEL, messages: MESSAGES }));
  const seen: ConverseStreamOutput[] = [];
  for await (const ev of out.stream!) seen.push(ev);
  return seen;
}

test('ConverseStream through the SDK: reasoning with signature, text, tool use and usage decode from the mock', async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', aws: AWS, script: () => TURN });
  try {
    const seen = await events(upstream.url);
    const names = seen.map((e) => Object.entries(e).find(([, v]) => v !== undefined)?.[0]);
    assert.equal(names[0], 'messageStart');
    assert.deepEqual(names.slice(-2), ['messageStop', 'metadata']);
    let reasoning = '';
    let signature = '';
    let text = '';
    let toolInput = '';
    for (const e of seen) {
      const d = e.contentBlockDelta?.delta;
      if (d?.reasoningContent?.text) reasoning += d.reasoningContent.text;
      if (d?.reasoningContent?.signature) signature += d.reasoningContent.signature;
      if (d?.text) text += d.text;
      if (d?.toolUse?.input) toolInput += d.toolUse.input;
    }
    assert.equal(reasoning, TURN.reasoning);
    assert.match(signature, /^sig_[0-9a-f]{40}$/);
    assert.equal(text, TURN.text);
    const start = seen.find((e) => e.contentBlockStart)?.contentBlockStart;
    assert.deepEqual(start?.start?.toolUse, { toolUseId: 'tooluse_mock_0_0', name: 'Bash' });
    assert.equal(start?.contentBlockIndex, 2);
    assert.deepEqual(JSON.parse(toolInput), TURN.toolCalls![0].arguments);
    assert.ok(seen.filter((e) => e.contentBlockDelta?.delta?.toolUse).length >= 3, 'tool input arrives in fragments');
    assert.equal(seen.find((e) => e.messageStop)?.messageStop?.stopReason, 'tool_use');
    assert.deepEqual(seen.at(-1)?.metadata?.usage, { inputTokens: 120, outputTokens: 30, totalTokens: 150 });

    const [rec] = upstream.turnRequests;
    assert.equal(rec.path, `/model/${encodeURIComponent(MODEL)}/converse-stream`);
    assert.match(rec.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIAMOCKEXAMPLE\/\d{8}\/us-west-2\/bedrock\/aws4_request, /);
    assert.deepEqual(rec.body.messages, MESSAGES);
  } finally {
    await upstream.close();
  }
});

test("Lynkr's frame decoder reads the mock's bytes to the same events as the SDK", async () => {
  // A fixed tool-use id, so both requests get byte-identical turns.
  const turn: MockTurn = { ...TURN, toolCalls: [{ ...TURN.toolCalls![0], id: 'tooluse_fixed_1' }] };
  const upstream = await startMockUpstream({ dialect: 'bedrock', script: () => turn });
  try {
    const sdkEvents = await events(upstream.url);
    const res = await fetch(`${upstream.url}/model/${encodeURIComponent(MODEL)}/converse-stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: MESSAGES }),
    });
    assert.equal(res.headers.get('content-type'), 'application/vnd.amazon.eventstream');
    const ours: unknown[] = [];
    for await (const p of awsEventStreamPayloads(res.body as AsyncIterable<Uint8Array>)) ours.push(p);
    // The SDK drops members it does not model, such as Bedrock's `p` padding.
    const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'p' ? undefined : x)));
    assert.deepEqual(strip(ours), strip(sdkEvents));
  } finally {
    await upstream.close();
  }
});

test('Converse (non-streaming) through the SDK', async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', aws: AWS, script: () => ({ text: 'plain answer', usage: { input: 7, output: 2 } }) });
  try {
    const out = await client(upstream.url).send(new ConverseCommand({ modelId: MODEL, messages: MESSAGES }));
    assert.deepEqual(out.output?.message, { role: 'assistant', content: [{ text: 'plain answer' }] });
    assert.equal(out.stopReason, 'end_turn');
    assert.deepEqual(out.usage, { inputTokens: 7, outputTokens: 2, totalTokens: 9 });
    assert.equal(upstream.turnRequests[0].path, `/model/${encodeURIComponent(MODEL)}/converse`);
  } finally {
    await upstream.close();
  }
});

test('SigV4 checks: a wrong secret, region or key id is refused with the exception AWS would name', async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', aws: AWS, script: () => TURN });
  try {
    const cases: Array<[BedrockRuntimeClient, string]> = [
      [client(upstream.url, { accessKeyId: AWS.accessKeyId, secretAccessKey: 'not-the-secret' }), 'InvalidSignatureException'],
      [client(upstream.url, AWS, 'eu-west-1'), 'InvalidSignatureException'],
      [client(upstream.url, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: AWS.secretAccessKey }), 'UnrecognizedClientException'],
    ];
    for (const [sdk, name] of cases) {
      await assert.rejects(sdk.send(new ConverseStreamCommand({ modelId: MODEL, messages: MESSAGES })), (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(err.name, name);
        assert.equal(err.$metadata?.httpStatusCode, 403);
        return true;
      });
    }
    assert.equal(upstream.turnRequests.length, 0);

    // Bearer API keys: only the configured one passes.
    const keyed = await startMockUpstream({ dialect: 'bedrock', apiKey: 'ABSKexample', script: () => TURN });
    try {
      const url = `${keyed.url}/model/${encodeURIComponent(MODEL)}/converse-stream`;
      const post = (authorization?: string) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: '{"messages":[]}' });
      assert.equal((await post('Bearer ABSKexample')).status, 200);
      const wrong = await post('Bearer nope');
      assert.equal(wrong.status, 403);
      assert.match(wrong.headers.get('x-amzn-errortype') ?? '', /^AccessDeniedException:/);
      assert.equal((await post()).status, 403);
    } finally {
      await keyed.close();
    }
  } finally {
    await upstream.close();
  }
});

test('scripted HTTP errors and in-stream exceptions reach the SDK as Bedrock exception classes', async () => {
  const upstream = await startMockUpstream({
    dialect: 'bedrock',
    models: [MODEL],
    script: (_req, turn) => {
      if (turn === 0) return { error: bedrockError('ThrottlingException', 429, 'Too many requests, please wait before trying again.') };
      if (turn === 1) return { error: bedrockError('ValidationException', 400, 'Input is too long for requested model.') };
      return { text: 'partial answer here', streamError: { type: 'modelStreamErrorException', message: 'Model stream failed', afterChunks: 3 } };
    },
  });
  try {
    const sdk = client(upstream.url);
    const send = (modelId = MODEL) => sdk.send(new ConverseStreamCommand({ modelId, messages: MESSAGES }));
    await assert.rejects(send(), (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(err.name, 'ThrottlingException');
      assert.equal(err.$metadata?.httpStatusCode, 429);
      assert.equal(err.message, 'Too many requests, please wait before trying again.');
      return true;
    });
    await assert.rejects(send(), { name: 'ValidationException', message: 'Input is too long for requested model.' });
    await assert.rejects(send('anthropic.claude-nope-v1:0'), { name: 'ValidationException', message: 'The provided model identifier is invalid.' });

    const out = await send();
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const ev of out.stream!) text += ev.contentBlockDelta?.delta?.text ?? '';
      })(),
      { name: 'ModelStreamErrorException', message: 'Model stream failed' },
    );
    assert.ok(text.length > 0, 'text before the exception was delivered');
  } finally {
    await upstream.close();
  }
});

test('cutAfterChunks destroys the socket after exactly N event-stream messages', async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', script: () => ({ text: 'one two three four five six', cutAfterChunks: 2 }) });
  try {
    const res = await fetch(`${upstream.url}/model/m/converse-stream`, { method: 'POST', body: '{"messages":[]}' });
    const seen: unknown[] = [];
    await assert.rejects(async () => {
      for await (const p of awsEventStreamPayloads(res.body as AsyncIterable<Uint8Array>)) seen.push(p);
    }, /terminated|other side closed|socket/i);
    assert.equal(seen.length, 2);
  } finally {
    await upstream.close();
  }
});
