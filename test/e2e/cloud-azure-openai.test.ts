/**
 * The real Codex CLI 0.169.0 and Claude Code 2.1.197 completing a shell-tool task through Lynkr
 * against Azure OpenAI in both of its configured forms:
 * - a full `/openai/responses?api-version=…` URL: every client is served through the Responses
 *   API; Codex's body takes the pass-through fast path (checked byte for byte against what
 *   Codex sent, through a recording proxy between Codex and Lynkr), Claude Code is translated
 *   by the openai-responses egress codec;
 * - a resource root plus AZURE_OPENAI_DEPLOYMENT: the deployment's chat completions. The
 *   deployment here behaves like a gpt-4o one and rejects `reasoning_effort` (which Claude Code
 *   always implies); Lynkr drops it and retries.
 * Every upstream request is checked for Azure's path, `api-version`, `api-key` and the
 * deployment as the model.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { request } from 'undici';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockScript, type MockUpstream } from '../support/mock-upstream/index.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';
import { shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

const API_KEY = 'azure-key-0123456789abcdef';
const API_VERSION = '2025-04-01-preview';
const DEPLOYMENT = 'gpt5-codex-prod';

/** A loopback HTTP proxy that records each request body it forwards (to Lynkr) and streams the answer back. */
async function startRecordingProxy(target: string): Promise<{ url: string; bodies: Json[]; close(): Promise<void> }> {
  const bodies: Json[] = [];
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      if (raw.length > 0) bodies.push(JSON.parse(raw.toString('utf8')) as Json);
      const headers: IncomingHttpHeaders = { ...req.headers };
      for (const h of ['host', 'content-length', 'connection']) delete headers[h];
      const upstream = await request(`${target}${req.url}`, {
        method: req.method as 'POST',
        headers: headers as Record<string, string>,
        body: raw.length > 0 ? raw : undefined,
      });
      const out = { ...upstream.headers };
      for (const h of ['content-length', 'connection', 'keep-alive', 'transfer-encoding']) delete out[h];
      res.writeHead(upstream.statusCode, out as Record<string, string>);
      for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function codexThrough(env: Record<string, string>, marker: string, viaProxy?: (lynkrUrl: string) => Promise<{ url: string; close(): Promise<void> }>) {
  let result: Awaited<ReturnType<typeof runCodex>> | undefined;
  await withLynkr(env, async (lynkrUrl) => {
    const proxy = viaProxy ? await viaProxy(lynkrUrl) : undefined;
    try {
      result = await runCodex({ baseUrl: proxy?.url ?? lynkrUrl, prompt: `Run: echo ${marker}`, model: 'gpt-5.5', timeoutMs: 90_000 });
    } finally {
      await proxy?.close();
    }
  });
  assert.ok(result);
  assert.equal(result.code, 0, `codex failed:\nSTDERR:\n${result.stderr}\nSTDOUT:\n${result.stdout}`);
  assert.match(result.stdout, new RegExp(`FINAL: ${marker}`));
  assert.doesNotMatch(result.stderr, /model rerouted/, 'no upstream openai-model header may reach Codex');
}

async function claudeThrough(env: Record<string, string>, marker: string) {
  let result: Awaited<ReturnType<typeof runClaude>> | undefined;
  await withLynkr(env, async (url) => {
    result = await runClaude({ baseUrl: url, prompt: `Run: echo ${marker}`, timeoutMs: 90_000 });
  });
  assert.ok(result);
  assert.equal(result.code, 0, `claude failed:\nSTDERR:\n${result.stderr}\nSTDOUT:\n${result.stdout}`);
  assert.match(result.stdout, new RegExp(`FINAL: ${marker}`));
}

function assertAzureRequest(t: MockUpstream['turnRequests'][number], path: string) {
  assert.equal(t.path, path);
  assert.equal(t.query['api-version'], API_VERSION);
  assert.equal(t.headers['api-key'], API_KEY);
  assert.equal(t.headers.authorization, undefined, 'Azure keys go in api-key, never as a bearer token');
}

/** What a real Azure Responses deployment answers with: the underlying model in `openai-model` (never to be relayed). */
function withModelHeader(script: MockScript): MockScript {
  return async (req, turn) => ({ ...(await script(req, turn)), headers: { 'openai-model': 'gpt-5-codex-2025-09-15' } });
}

const responsesEnv = (upstream: MockUpstream): Record<string, string> => ({
  MODEL_PROVIDER: 'azure-openai',
  AZURE_OPENAI_ENDPOINT: `${upstream.url}/openai/responses?api-version=${API_VERSION}`,
  AZURE_OPENAI_API_KEY: API_KEY,
  AZURE_OPENAI_DEPLOYMENT: DEPLOYMENT,
});

test('Codex → Lynkr → Azure OpenAI Responses URL: pass-through, body untouched except model', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-responses',
    apiKey: API_KEY,
    script: withModelHeader(shellToolScript({ cli: 'codex', command: 'echo azure-responses-codex-ok' })),
  });
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>> | undefined;
  try {
    await codexThrough(responsesEnv(upstream), 'azure-responses-codex-ok', async (lynkrUrl) => (proxy = await startRecordingProxy(lynkrUrl)));
    const turns = upstream.turnRequests;
    assert.equal(turns.length, 2);
    assert.equal(proxy!.bodies.length, turns.length, 'one upstream request per Codex request');
    turns.forEach((t, i) => {
      assertAzureRequest(t, '/openai/responses');
      assert.equal(t.body.model, DEPLOYMENT);
      const sent = proxy!.bodies[i];
      assert.equal(sent.model, 'gpt-5.5');
      assert.deepEqual(t.body, { ...sent, model: DEPLOYMENT }, 'only `model` is rewritten on the fast path');
    });
    // The fast path keeps Codex's own shapes that a translation would change.
    const first = turns[0].body as Json;
    assert.equal(first.input[0].role, 'developer');
    assert.ok(first.client_metadata);
  } finally {
    await upstream.close();
  }
});

test('Claude Code → Lynkr → Azure OpenAI Responses URL: Messages translated to the Responses API', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-responses',
    apiKey: API_KEY,
    script: shellToolScript({ cli: 'claude', command: 'echo azure-responses-claude-ok' }),
  });
  try {
    await claudeThrough(responsesEnv(upstream), 'azure-responses-claude-ok');
    const turns = upstream.turnRequests.filter((t) => Array.isArray(t.body.tools) && t.body.tools.length > 0);
    assert.ok(turns.length >= 2, `${turns.length} tool-bearing turns`);
    for (const t of upstream.turnRequests) {
      assertAzureRequest(t, '/openai/responses');
      const body = t.body as Json;
      assert.equal(body.model, DEPLOYMENT);
      assert.equal(body.store, false);
      assert.equal(body.stream, true);
      assert.equal(typeof body.instructions, 'string');
      assert.ok(!('messages' in body) && !('system' in body), 'a Responses body, not a Messages one');
    }
    const bash = (turns[0].body.tools as Json[]).find((tool) => tool.name === 'Bash')!;
    assert.deepEqual([bash.type, bash.strict], ['function', false]);
    const last = turns.at(-1)!.body.input as Json[];
    const call = last.find((i) => i.type === 'function_call')!;
    const output = last.find((i) => i.type === 'function_call_output')!;
    assert.equal(output.call_id, call.call_id);
    assert.match(output.output, /azure-responses-claude-ok/);
  } finally {
    await upstream.close();
  }
});

/** A gpt-4o-like deployment: rejects `reasoning_effort` the way Azure does, otherwise runs `script`. */
function rejectsReasoningEffort(script: MockScript): MockScript {
  return (req, turn) =>
    req.body?.reasoning_effort !== undefined
      ? {
          error: {
            status: 400,
            body: {
              error: {
                message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
                type: 'invalid_request_error',
                param: 'reasoning_effort',
                code: 'unsupported_parameter',
              },
            },
          },
        }
      : script(req, turn);
}

const rootEnv = (upstream: MockUpstream): Record<string, string> => ({
  MODEL_PROVIDER: 'azure-openai',
  AZURE_OPENAI_ENDPOINT: `${upstream.url}/`,
  AZURE_OPENAI_API_KEY: API_KEY,
  AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-prod',
  AZURE_OPENAI_API_VERSION: API_VERSION,
});

test('Codex → Lynkr → Azure OpenAI resource root + deployment (chat completions)', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-chat',
    apiKey: API_KEY,
    script: rejectsReasoningEffort(shellToolScript({ cli: 'codex', command: 'echo azure-chat-codex-ok' })),
  });
  try {
    await codexThrough(rootEnv(upstream), 'azure-chat-codex-ok');
    const turns = upstream.turnRequests;
    assert.ok(turns.length >= 2);
    for (const t of turns) {
      assertAzureRequest(t, '/openai/deployments/gpt-4o-prod/chat/completions');
      const body = t.body as Json;
      assert.equal(body.model, 'gpt-4o-prod');
      assert.equal(body.messages[0].role, 'system');
      assert.ok(!body.messages.some((m: Json) => m.role === 'developer'));
    }
    const last = turns.at(-1)!.body as Json;
    const tool = last.messages.find((m: Json) => m.role === 'tool');
    assert.match(tool.content, /azure-chat-codex-ok/);
  } finally {
    await upstream.close();
  }
});

test('Claude Code → Lynkr → Azure OpenAI resource root + deployment; a rejected parameter is dropped and retried', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({
    dialect: 'openai-chat',
    apiKey: API_KEY,
    script: rejectsReasoningEffort(shellToolScript({ cli: 'claude', command: 'echo azure-chat-claude-ok' })),
  });
  try {
    await claudeThrough(rootEnv(upstream), 'azure-chat-claude-ok');
    const turns = upstream.turnRequests;
    for (const t of turns) assertAzureRequest(t, '/openai/deployments/gpt-4o-prod/chat/completions');
    const rejected = turns.filter((t) => t.body.reasoning_effort !== undefined);
    assert.equal(rejected.length, 1, 'the deployment rejects reasoning_effort once; Lynkr remembers it');
    assert.equal(turns[0], rejected[0]);
    assert.ok(turns.length >= 3);
    const last = turns.at(-1)!.body as Json;
    assert.ok(last.max_tokens <= 16_384, "Claude Code's 64000 is clamped");
    const assistant = last.messages.find((m: Json) => m.role === 'assistant' && m.tool_calls);
    const toolIdx = last.messages.findIndex((m: Json) => m.role === 'tool');
    assert.equal(last.messages[toolIdx - 1], assistant);
  } finally {
    await upstream.close();
  }
});
