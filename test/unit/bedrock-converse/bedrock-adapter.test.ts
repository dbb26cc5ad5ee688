/**
 * The Bedrock adapter against the scripted Bedrock mock on loopback: URL and model-id encoding,
 * API-key bearer auth, SigV4 through the standard AWS credential chain fed from the environment
 * (the mock recomputes the signature with AWS's signer), errors before and during the stream.
 * No test reaches an instance-metadata address: AWS_EC2_METADATA_DISABLED=true and no AWS files.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LynkrError } from '../../../src/ir/errors.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrRequest, IrStreamEvent } from '../../../src/ir/types.js';
import { createBedrockAdapter } from '../../../src/providers/bedrock/bedrock-adapter.js';
import { UpstreamHttp } from '../../../src/providers/upstream-http.js';
import { startMockUpstream, type MockScript } from '../../support/mock-upstream/index.js';
import { bedrockError } from '../../support/mock-upstream/render-bedrock.js';
import { collect } from './helpers.js';

const AWS_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_EC2_METADATA_DISABLED',
];

/** Runs `fn` with exactly these AWS variables set (no files, no instance metadata) and restores the rest. */
async function withAwsEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(AWS_VARS.map((k) => [k, process.env[k]]));
  for (const k of AWS_VARS) delete process.env[k];
  Object.assign(process.env, {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/lynkr-test/credentials',
    AWS_CONFIG_FILE: '/nonexistent/lynkr-test/config',
    ...vars,
  });
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

let http: UpstreamHttp;
before(() => {
  http = new UpstreamHttp({ connectMs: 2000, firstByteMs: 5000, idleMs: 5000 });
});
after(() => http.close());

const PROFILE = 'us.anthropic.claude-3-5-sonnet-20241022-v2:0';
const REQ: IrRequest = {
  model: 'client-model',
  system: [{ type: 'text', text: 'Be brief.' }],
  messages: [{ role: 'user', parts: [{ type: 'text', text: 'list files' }] }],
  tools: [{ kind: 'function', name: 'ls', parameters: { type: 'object', properties: { dir: { type: 'string' } } } }],
  maxOutputTokens: 64_000,
  stream: true,
  extensions: {},
};

function call(model = PROFILE, clientHeaders: Record<string, string> = {}) {
  return { req: REQ, model, toolNames: ToolNameMap.forRequest(REQ), signal: AbortSignal.timeout(10_000), clientHeaders };
}

const TOOL_TURN: MockScript = () => ({ text: 'Listing.', toolCalls: [{ name: 'ls', arguments: { dir: '/tmp' } }], usage: { input: 50, output: 12 } });

test('API key: bearer auth, encoded inference-profile path, clamped maxTokens, no Anthropic betas; the stream decodes', async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', apiKey: 'bedrock-api-key-1', script: TOOL_TURN });
  try {
    const adapter = createBedrockAdapter({ apiKey: 'bedrock-api-key-1', modelId: PROFILE, region: 'us-east-2', endpoint: upstream.url }, http);
    const events = await collect(await adapter.stream(call(PROFILE, { 'anthropic-beta': 'interleaved-thinking-2025-05-14' })));
    const [rec] = upstream.turnRequests;
    assert.equal(rec.path, '/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse-stream');
    assert.equal(rec.headers.authorization, 'Bearer bedrock-api-key-1');
    assert.equal(rec.headers['anthropic-beta'], undefined);
    assert.equal(rec.headers['content-type'], 'application/json');
    assert.doesNotMatch(rec.rawBody, /anthropic_beta/);
    assert.equal(rec.body.inferenceConfig.maxTokens, 8192, 'Claude 3.5 Sonnet v2 takes at most 8192');
    assert.deepEqual(rec.body.system, [{ text: 'Be brief.' }]);
    assert.deepEqual(
      events.map((e) => e.type),
      ['start', 'text-start', 'text-delta', 'text-delta', 'text-delta', 'text-delta', 'text-end', 'tool-call-start', 'tool-call-delta', 'tool-call-end', 'usage', 'finish'],
    );
    const args = events.find((e): e is Extract<IrStreamEvent, { type: 'tool-call-delta' }> => e.type === 'tool-call-delta')!;
    assert.deepEqual(JSON.parse(args.delta), { dir: '/tmp' });
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'tool_calls', rawReason: 'tool_use', usage: { inputTokens: 50, outputTokens: 12, cachedInputTokens: 0, cacheWriteInputTokens: 0 } });
    assert.equal(adapter.servesClaude('claude-opus-4-8'), false);
    assert.equal(adapter.defaultModel, PROFILE);
  } finally {
    await upstream.close();
  }
});

test('SigV4 from the environment: session token, the configured region and service bedrock, a signature AWS would accept', async () => {
  const aws = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE', region: 'eu-west-3' };
  const upstream = await startMockUpstream({ dialect: 'bedrock', aws, script: TOOL_TURN });
  try {
    await withAwsEnv({ AWS_ACCESS_KEY_ID: aws.accessKeyId, AWS_SECRET_ACCESS_KEY: aws.secretAccessKey, AWS_SESSION_TOKEN: aws.sessionToken }, async () => {
      const adapter = createBedrockAdapter({ modelId: PROFILE, region: 'eu-west-3', endpoint: upstream.url }, http);
      const arn = 'arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0';
      for (const model of [PROFILE, arn]) {
        const events = await collect(await adapter.stream(call(model)));
        assert.equal(events.at(-1)?.type, 'finish', 'the mock accepted the signature');
      }
    });
    const [first, second] = upstream.turnRequests;
    assert.match(first.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-3\/bedrock\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    assert.match(first.headers.authorization, /SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,/);
    assert.equal(first.headers['x-amz-security-token'], aws.sessionToken);
    assert.match(first.headers['x-amz-date'], /^\d{8}T\d{6}Z$/);
    assert.equal(second.path, `/model/${encodeURIComponent('arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse-stream`);
  } finally {
    await upstream.close();
  }
});

test('a wrong secret or region is refused by the mock and surfaces as upstream_auth', async () => {
  const aws = { accessKeyId: 'AKIDRIGHT', secretAccessKey: 'right-secret', region: 'us-west-2' };
  const upstream = await startMockUpstream({ dialect: 'bedrock', aws, script: TOOL_TURN });
  try {
    for (const [secret, region, type] of [
      ['wrong-secret', 'us-west-2', 'InvalidSignatureException'],
      ['right-secret', 'us-east-1', 'InvalidSignatureException'],
    ] as const) {
      const adapter = createBedrockAdapter({ modelId: PROFILE, region, endpoint: upstream.url, credentials: { accessKeyId: 'AKIDRIGHT', secretAccessKey: secret } }, http);
      await assert.rejects(adapter.stream(call()), (err: unknown) => {
        assert.ok(LynkrError.isInstance(err));
        assert.equal(err.code, 'upstream_auth');
        assert.equal(err.upstreamStatus, 403);
        assert.match(err.message, new RegExp(`^bedrock: ${type}: `));
        return true;
      });
    }
    assert.equal(upstream.turnRequests.length, 0, 'refused before the model ran');
  } finally {
    await upstream.close();
  }
});

test('no credentials anywhere: a fast upstream_auth that says what to set, and no request leaves', async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', aws: { accessKeyId: 'A', secretAccessKey: 'B' }, script: TOOL_TURN });
  try {
    await withAwsEnv({}, async () => {
      const adapter = createBedrockAdapter({ modelId: PROFILE, region: 'us-east-1', endpoint: upstream.url }, http);
      const started = Date.now();
      await assert.rejects(adapter.stream(call()), (err: unknown) => {
        assert.ok(LynkrError.isInstance(err));
        assert.equal(err.code, 'upstream_auth');
        assert.equal(err.retryable, false);
        assert.match(err.message, /AWS_BEDROCK_API_KEY.*AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
        return true;
      });
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    });
    assert.equal(upstream.requests.length, 0);
  } finally {
    await upstream.close();
  }
});

test('throttling before the stream rejects with a rate limit and a retry delay; an exception mid-stream ends it with an error event', async () => {
  const upstream = await startMockUpstream({
    dialect: 'bedrock',
    script: (_req, turn) =>
      turn === 0
        ? { error: bedrockError('ThrottlingException', 429, 'Too many requests, please wait before trying again.') }
        : { text: 'partial answer here', streamError: { type: 'modelStreamErrorException', message: 'Model stream failed', afterChunks: 3 } },
  });
  try {
    const adapter = createBedrockAdapter({ apiKey: 'k', modelId: PROFILE, region: 'us-east-1', endpoint: upstream.url }, http);
    await assert.rejects(adapter.stream(call()), (err: unknown) => {
      assert.ok(LynkrError.isInstance(err));
      assert.equal(err.code, 'rate_limited');
      assert.equal(err.status, 429);
      assert.equal(err.retryAfterSeconds, 5);
      assert.equal(err.provider, 'bedrock');
      assert.match(err.message, /^bedrock: ThrottlingException: Too many requests/);
      return true;
    });
    const events = await collect(await adapter.stream(call()));
    const last = events.at(-1)!;
    assert.equal(last.type, 'error');
    assert.match(last.type === 'error' ? last.error.message : '', /modelStreamErrorException: Model stream failed/);
    assert.ok(events.some((e) => e.type === 'text-delta'), 'the text before the failure was streamed');
  } finally {
    await upstream.close();
  }
});

test('a connection cut mid-stream becomes an error event, never a silent short answer', async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', script: () => ({ text: 'one two three four', cutAfterChunks: 3 }) });
  try {
    const adapter = createBedrockAdapter({ apiKey: 'k', modelId: PROFILE, region: 'us-east-1', endpoint: upstream.url }, http);
    const events = await collect(await adapter.stream(call()));
    assert.equal(events.at(-1)?.type, 'error');
    assert.ok(!events.some((e) => e.type === 'finish'));
  } finally {
    await upstream.close();
  }
});
