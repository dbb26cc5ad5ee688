/**
 * The real Codex CLI and Claude Code completing a shell-tool task through Lynkr against
 * Databricks model serving: chat completions at `/serving-endpoints/<endpoint>/invocations`,
 * bearer DATABRICKS_API_KEY, and a Claude-backed endpoint that streams `content` as arrays of
 * typed parts (signed `reasoning`, then `text`; wire-contract §6.5). Configured both ways users
 * do it: DATABRICKS_MODEL with the default path, and an older `.env`'s full
 * DATABRICKS_ENDPOINT_PATH.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockScript, type MockUpstream } from '../support/mock-upstream/index.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';
import { shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

const TOKEN = 'dapi0123456789abcdef';
const ENDPOINT = 'databricks-claude-sonnet-4-5';

/** Every turn thinks first, as a Claude endpoint with reasoning does. */
function thinking(script: MockScript): MockScript {
  return async (req, turn) => ({ reasoning: 'The user wants a shell command run.', ...(await script(req, turn)) });
}

function startDatabricks(cli: 'codex' | 'claude', command: string): Promise<MockUpstream> {
  return startMockUpstream({ dialect: 'openai-chat', apiKey: TOKEN, contentParts: true, script: thinking(shellToolScript({ cli, command })) });
}

function assertDatabricksRequests(upstream: MockUpstream) {
  assert.ok(upstream.turnRequests.length >= 2);
  assert.deepEqual(upstream.scriptErrors, []);
  for (const t of upstream.turnRequests) {
    assert.equal(t.path, `/serving-endpoints/${ENDPOINT}/invocations`);
    assert.equal(t.headers.authorization, `Bearer ${TOKEN}`);
    const body = t.body as Json;
    assert.equal(body.model, ENDPOINT);
    assert.equal(body.stream, true);
    assert.ok(!('stream_options' in body), 'Claude-backed endpoints refuse stream_options');
    assert.equal(body.messages[0].role, 'system');
  }
}

test('Codex → Lynkr → Databricks (DATABRICKS_MODEL, default path, content-part arrays)', { timeout: 120_000 }, async () => {
  const upstream = await startDatabricks('codex', 'echo databricks-codex-ok');
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withLynkr({ MODEL_PROVIDER: 'databricks', DATABRICKS_API_BASE: `${upstream.url}/`, DATABRICKS_API_KEY: TOKEN, DATABRICKS_MODEL: ENDPOINT }, async (url) => {
      result = await runCodex({ baseUrl: url, prompt: 'Run: echo databricks-codex-ok', timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `codex failed:\n${result!.stderr}\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: databricks-codex-ok/);
    assert.match(result!.stderr, /The user wants a shell command run\./, 'reasoning from content parts is shown by Codex');
    assertDatabricksRequests(upstream);
    const last = upstream.turnRequests.at(-1)!.body as Json;
    const tool = last.messages.find((m: Json) => m.role === 'tool');
    assert.match(tool.content, /databricks-codex-ok/);
  } finally {
    await upstream.close();
  }
});

test('Claude Code → Lynkr → Databricks (legacy DATABRICKS_ENDPOINT_PATH)', { timeout: 120_000 }, async () => {
  const upstream = await startDatabricks('claude', 'echo databricks-claude-ok');
  try {
    let result: Awaited<ReturnType<typeof runClaude>> | undefined;
    await withLynkr(
      { MODEL_PROVIDER: 'databricks', DATABRICKS_API_BASE: upstream.url, DATABRICKS_API_KEY: TOKEN, DATABRICKS_ENDPOINT_PATH: `/serving-endpoints/${ENDPOINT}/invocations` },
      async (url) => {
        result = await runClaude({ baseUrl: url, prompt: 'Run: echo databricks-claude-ok', timeoutMs: 90_000 });
      },
    );
    assert.equal(result!.code, 0, `claude failed:\n${result!.stderr}\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: databricks-claude-ok/);
    assert.doesNotMatch(result!.stdout, /"type":"reasoning"|summary_text/, 'content parts never leak to the user as text');
    assertDatabricksRequests(upstream);
    const last = upstream.turnRequests.at(-1)!.body as Json;
    const assistant = last.messages.find((m: Json) => m.role === 'assistant' && m.tool_calls);
    assert.equal(typeof assistant.content === 'string' || assistant.content === null, true, 'history is sent back as plain chat content');
    assert.ok(last.max_tokens <= 16_384);
  } finally {
    await upstream.close();
  }
});
