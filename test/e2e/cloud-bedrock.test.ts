/**
 * The real Codex CLI 0.169.0 and the real Claude Code 2.1.197 completing a shell-tool task through
 * Lynkr against AWS Bedrock (the Converse API, binary event stream), once with a Bedrock API key
 * and once with SigV4 credentials that the standard AWS credential chain reads from the
 * environment. The mock recomputes each SigV4 signature with AWS's signer, so a request with the
 * wrong region, service or signature would be refused. AWS_EC2_METADATA_DISABLED=true and no AWS
 * files: the chain never reaches for an instance-metadata address.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockScript, type MockUpstream, type RecordedRequest } from '../support/mock-upstream/index.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';
import { shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

// The AWS credential chain reads the process environment; this file's process is its own.
const AWS = { accessKeyId: 'AKIAE2EEXAMPLE', secretAccessKey: 'e2e/Secret/EXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjE2E' };
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: AWS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
  AWS_SESSION_TOKEN: AWS.sessionToken,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/lynkr-e2e/credentials',
  AWS_CONFIG_FILE: '/nonexistent/lynkr-e2e/config',
});
delete process.env.AWS_PROFILE;

/** Lynkr's stores go to a directory of this file's own, never the working tree. */
const DATA_DIR = mkdtempSync(join(tmpdir(), 'lynkr-bedrock-e2e-'));
after(() => rmSync(DATA_DIR, { recursive: true, force: true }));

const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const MODEL_PATH = `/model/${encodeURIComponent(MODEL)}/converse-stream`;

/** Adds signed reasoning to every turn, as Claude with thinking on answers through Bedrock. */
function withReasoning(script: MockScript): MockScript {
  return async (req, turn) => ({ reasoning: `Plan for turn ${turn}: use the shell.`, ...(await script(req, turn)) });
}

/** Converse rules every translated request must keep (wire-contract §6.3). */
function assertConverse(t: RecordedRequest): void {
  assert.equal(t.path, MODEL_PATH, 'model id percent-encoded in the path');
  assert.equal(t.headers['anthropic-beta'], undefined);
  assert.doesNotMatch(t.rawBody, /anthropic[_-]beta/);
  const body = t.body as Json;
  assert.equal(body.messages[0].role, 'user');
  body.messages.forEach((m: Json, i: number) => {
    if (i > 0) assert.notEqual(m.role, body.messages[i - 1].role, 'roles alternate');
    for (const b of m.content) if ('text' in b) assert.notEqual(b.text.trim(), '', 'no blank text');
  });
  assert.ok(body.inferenceConfig.maxTokens > 0 && body.inferenceConfig.maxTokens <= 64_000);
  assert.ok(body.toolConfig.tools.length > 0);
}

function toolRoundTrip(upstream: MockUpstream, toolName: string, marker: string): void {
  const turns = upstream.turnRequests;
  assert.ok(turns.length >= 2, `${turns.length} turns`);
  const msgs = (turns.at(-1)!.body as Json).messages as Json[];
  const useIdx = msgs.findIndex((m) => m.role === 'assistant' && m.content.some((b: Json) => b.toolUse));
  assert.ok(useIdx > 0, 'the tool call is in the history');
  const use = msgs[useIdx].content.find((b: Json) => b.toolUse).toolUse;
  assert.equal(use.name, toolName);
  assert.equal(typeof use.input, 'object');
  const answer = msgs[useIdx + 1];
  assert.equal(answer.role, 'user');
  assert.equal(answer.content[0].toolResult.toolUseId, use.toolUseId, 'the result comes first in the next user message');
  assert.match(JSON.stringify(answer.content[0].toolResult.content), new RegExp(marker));
}

async function codexThrough(upstream: MockUpstream, env: Record<string, string>, marker: string) {
  let result: Awaited<ReturnType<typeof runCodex>> | undefined;
  await withLynkr({ LYNKR_DATA_DIR: DATA_DIR, ...env }, async (url) => {
    result = await runCodex({ baseUrl: url, prompt: `Run: echo ${marker}`, timeoutMs: 90_000 });
  });
  assert.equal(result!.code, 0, `codex failed:\n${result!.stderr}\n${result!.stdout}`);
  assert.match(result!.stdout, new RegExp(`FINAL: ${marker}`));
  assert.deepEqual(upstream.scriptErrors, []);
}

async function claudeThrough(upstream: MockUpstream, env: Record<string, string>, marker: string) {
  let result: Awaited<ReturnType<typeof runClaude>> | undefined;
  await withLynkr({ LYNKR_DATA_DIR: DATA_DIR, ...env }, async (url) => {
    result = await runClaude({ baseUrl: url, prompt: `Run: echo ${marker}`, timeoutMs: 90_000 });
  });
  assert.equal(result!.code, 0, `claude failed:\nSTDERR:\n${result!.stderr}\nSTDOUT:\n${result!.stdout}`);
  assert.match(result!.stdout, new RegExp(`FINAL: ${marker}`));
  assert.deepEqual(upstream.scriptErrors, []);
}

test('Codex → Lynkr → Bedrock with an API key completes a shell task', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', apiKey: 'ABSKbedrockKey', script: shellToolScript({ cli: 'codex', command: 'echo codex-bedrock-key-ok' }) });
  try {
    await codexThrough(
      upstream,
      { MODEL_PROVIDER: 'bedrock', AWS_BEDROCK_API_KEY: 'ABSKbedrockKey', AWS_BEDROCK_MODEL_ID: MODEL, AWS_BEDROCK_ENDPOINT: upstream.url, AWS_REGION: 'us-east-2' },
      'codex-bedrock-key-ok',
    );
    for (const t of upstream.turnRequests) {
      assertConverse(t);
      assert.equal(t.headers.authorization, 'Bearer ABSKbedrockKey');
      const body = t.body as Json;
      assert.ok(body.system.length > 0, 'Codex developer messages become system');
      assert.ok(body.toolConfig.tools.some((s: Json) => s.toolSpec?.name === 'exec_command'));
    }
    toolRoundTrip(upstream, 'exec_command', 'codex-bedrock-key-ok');
  } finally {
    await upstream.close();
  }
});

test('Claude Code → Lynkr → Bedrock with an API key completes a Bash task; signed reasoning goes back byte-exact', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({
    dialect: 'bedrock',
    apiKey: 'ABSKbedrockKey',
    script: withReasoning(shellToolScript({ cli: 'claude', command: 'echo cc-bedrock-key-ok' })),
  });
  try {
    await claudeThrough(
      upstream,
      { MODEL_PROVIDER: 'bedrock', AWS_BEDROCK_API_KEY: 'ABSKbedrockKey', AWS_BEDROCK_MODEL_ID: MODEL, AWS_BEDROCK_ENDPOINT: upstream.url },
      'cc-bedrock-key-ok',
    );
    for (const t of upstream.turnRequests) {
      assertConverse(t);
      assert.equal(t.headers.authorization, 'Bearer ABSKbedrockKey');
      const json = t.rawBody;
      assert.doesNotMatch(json, /x-anthropic-billing-header/);
      assert.doesNotMatch(json, /cache_control/);
      assert.ok((json.match(/"cachePoint"/g) ?? []).length <= 4);
    }
    const tool = upstream.turnRequests.find((t) => (t.body as Json).toolConfig.tools.some((s: Json) => s.toolSpec?.name === 'Bash'));
    assert.ok(tool, 'the main loop declares Bash');
    assert.match(tool.rawBody, /"cachePoint"/, "Claude Code's cache_control markers become cache points");
    toolRoundTrip(upstream, 'Bash', 'cc-bedrock-key-ok');
    // The thinking block Claude Code got from the first turn comes back first in the assistant turn, signature intact.
    const msgs = (upstream.turnRequests.at(-1)!.body as Json).messages as Json[];
    const assistant = msgs.find((m) => m.role === 'assistant' && m.content.some((b: Json) => b.toolUse))!;
    const reasoning = assistant.content[0].reasoningContent?.reasoningText;
    assert.ok(reasoning, JSON.stringify(assistant.content[0]));
    assert.match(reasoning.text, /^Plan for turn \d+: use the shell\.$/);
    assert.match(reasoning.signature, /^sig_[0-9a-f]{40}$/);
  } finally {
    await upstream.close();
  }
});

test('Codex → Lynkr → Bedrock with SigV4 credentials from the environment (AWS_BEDROCK_REGION wins over AWS_REGION)', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', aws: { ...AWS, region: 'eu-central-1' }, script: shellToolScript({ cli: 'codex', command: 'echo codex-bedrock-sigv4-ok' }) });
  try {
    await codexThrough(
      upstream,
      { MODEL_PROVIDER: 'bedrock', AWS_BEDROCK_MODEL_ID: MODEL, AWS_BEDROCK_ENDPOINT: upstream.url, AWS_BEDROCK_REGION: 'eu-central-1', AWS_REGION: 'us-east-1' },
      'codex-bedrock-sigv4-ok',
    );
    for (const t of upstream.turnRequests) {
      assertConverse(t);
      assert.match(t.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIAE2EEXAMPLE\/\d{8}\/eu-central-1\/bedrock\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/);
      assert.equal(t.headers['x-amz-security-token'], AWS.sessionToken);
    }
    toolRoundTrip(upstream, 'exec_command', 'codex-bedrock-sigv4-ok');
  } finally {
    await upstream.close();
  }
});

test('Claude Code → Lynkr → Bedrock with SigV4 credentials from the environment (AWS_REGION)', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'bedrock', aws: { ...AWS, region: 'ap-southeast-2' }, script: shellToolScript({ cli: 'claude', command: 'echo cc-bedrock-sigv4-ok' }) });
  try {
    await claudeThrough(upstream, { MODEL_PROVIDER: 'bedrock', AWS_BEDROCK_MODEL_ID: MODEL, AWS_BEDROCK_ENDPOINT: upstream.url, AWS_REGION: 'ap-southeast-2' }, 'cc-bedrock-sigv4-ok');
    for (const t of upstream.turnRequests) {
      assertConverse(t);
      assert.match(t.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIAE2EEXAMPLE\/\d{8}\/ap-southeast-2\/bedrock\/aws4_request, /);
    }
    toolRoundTrip(upstream, 'Bash', 'cc-bedrock-sigv4-ok');
  } finally {
    await upstream.close();
  }
});
