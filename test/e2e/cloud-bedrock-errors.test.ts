/**
 * Bedrock errors, in Bedrock Runtime's own form (`x-amzn-ErrorType` + `{"message"}` before the
 * stream, exception messages inside the event stream), reaching each client dialect in that
 * client's form (wire-contract §4, §3.6). Lynkr's own retries are off (UPSTREAM_MAX_RETRIES=0),
 * so the first upstream answer is what the client sees:
 * - ThrottlingException → Codex 429 with `Retry-After` (the only 429 Codex retries) and Claude Code
 *   429 `rate_limit_error` with `retry-after`; the real CLIs wait that long and finish the task;
 * - "Input is too long" → 400 `context_length_exceeded` / "prompt is too long";
 * - a refused API key → 401 (`x-should-retry: false` for Claude Code);
 * - ServiceUnavailable → 503 `server_is_overloaded` / 529 `overloaded_error`;
 * - an exception mid-stream → `response.failed` / `event: error`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockHttpError, type MockScript, type MockUpstream } from '../support/mock-upstream/index.js';
import { bedrockError } from '../support/mock-upstream/render-bedrock.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';
import { shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const DATA_DIR = mkdtempSync(join(tmpdir(), 'lynkr-bedrock-errors-'));
after(() => rmSync(DATA_DIR, { recursive: true, force: true }));

const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const THROTTLED = bedrockError('ThrottlingException', 429, 'Too many requests, please wait before trying again.');

const REQUESTS = {
  responses: { path: '/v1/responses', body: { model: 'gpt-5.5', input: 'hi', stream: true } },
  messages: { path: '/v1/messages', body: { model: 'claude-opus-4-8', max_tokens: 32000, messages: [{ role: 'user', content: 'hi' }], stream: true } },
  chat: { path: '/v1/chat/completions', body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true } },
} as const;
type Client = keyof typeof REQUESTS;

function lynkrEnv(upstream: MockUpstream, extra: Record<string, string> = {}): Record<string, string> {
  return {
    LYNKR_DATA_DIR: DATA_DIR,
    MODEL_PROVIDER: 'bedrock',
    AWS_BEDROCK_API_KEY: 'ABSKbedrockKey',
    AWS_BEDROCK_MODEL_ID: MODEL,
    AWS_BEDROCK_ENDPOINT: upstream.url,
    UPSTREAM_MAX_RETRIES: '0',
    ...extra,
  };
}

/** What each client receives when Bedrock answers every call with `error`. */
async function errorSeenBy(error: MockHttpError): Promise<Record<Client, { status: number; headers: Headers; body: Json }>> {
  const upstream = await startMockUpstream({ dialect: 'bedrock', script: () => ({ error }) });
  const out = {} as Record<Client, { status: number; headers: Headers; body: Json }>;
  try {
    await withLynkr(lynkrEnv(upstream), async (url) => {
      for (const client of Object.keys(REQUESTS) as Client[]) {
        const { path, body } = REQUESTS[client];
        const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        out[client] = { status: res.status, headers: res.headers, body: (await res.json()) as Json };
      }
    });
    assert.equal(upstream.turnRequests.length, 3, 'one upstream call per client: Lynkr did not retry');
    for (const t of upstream.turnRequests) assert.equal(t.path, `/model/${encodeURIComponent(MODEL)}/converse-stream`);
  } finally {
    await upstream.close();
  }
  return out;
}

test('ThrottlingException → Codex 429 + Retry-After, Claude Code 429 rate_limit_error + retry-after, chat 429 + Retry-After', async () => {
  const seen = await errorSeenBy(THROTTLED);
  assert.equal(seen.responses.status, 429);
  assert.equal(seen.responses.headers.get('retry-after'), '5');
  assert.equal(seen.responses.body.error.code, 'rate_limit_exceeded');
  assert.match(seen.responses.body.error.message, /ThrottlingException: Too many requests.*try again in 5s/);
  assert.equal(seen.messages.status, 429);
  assert.equal(seen.messages.headers.get('retry-after'), '5');
  assert.deepEqual(seen.messages.body.type, 'error');
  assert.equal(seen.messages.body.error.type, 'rate_limit_error');
  assert.equal(seen.chat.status, 429);
  assert.equal(seen.chat.headers.get('retry-after'), '5');
});

test('"Input is too long" → context_length_exceeded for OpenAI clients, "prompt is too long" for Claude Code', async () => {
  const seen = await errorSeenBy(bedrockError('ValidationException', 400, 'Input is too long for requested model.'));
  assert.equal(seen.responses.status, 400);
  assert.equal(seen.responses.body.error.code, 'context_length_exceeded');
  assert.equal(seen.chat.body.error.code, 'context_length_exceeded');
  assert.equal(seen.messages.status, 400);
  assert.equal(seen.messages.body.error.type, 'invalid_request_error');
  assert.match(seen.messages.body.error.message, /^prompt is too long/);
});

test('a refused API key → 401 everywhere, and Claude Code is told not to retry', async () => {
  const seen = await errorSeenBy(bedrockError('AccessDeniedException', 403, 'Authentication failed: Please make sure your API Key is valid.'));
  assert.equal(seen.responses.status, 401);
  assert.equal(seen.responses.body.error.code, 'invalid_api_key');
  assert.equal(seen.messages.status, 401);
  assert.equal(seen.messages.body.error.type, 'authentication_error');
  assert.equal(seen.messages.headers.get('x-should-retry'), 'false');
  assert.equal(seen.chat.status, 401);
});

test('ServiceUnavailableException → Codex 503 server_is_overloaded, Claude Code 529 overloaded_error', async () => {
  const seen = await errorSeenBy(bedrockError('ServiceUnavailableException', 503, 'Bedrock is unable to process your request.'));
  assert.equal(seen.responses.status, 503);
  assert.equal(seen.responses.body.error.code, 'server_is_overloaded');
  assert.equal(seen.messages.status, 529);
  assert.equal(seen.messages.body.error.type, 'overloaded_error');
});

test('an exception inside the event stream ends each client stream with its own error event', async () => {
  const upstream = await startMockUpstream({
    dialect: 'bedrock',
    script: () => ({ text: 'partial answer that breaks', streamError: { type: 'modelStreamErrorException', message: 'Model stream failed', afterChunks: 3 } }),
  });
  try {
    await withLynkr(lynkrEnv(upstream), async (url) => {
      const post = (client: Client) =>
        fetch(`${url}${REQUESTS[client].path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(REQUESTS[client].body) });
      const responses = await (await post('responses')).text();
      assert.match(responses, /event: response\.failed/);
      assert.match(responses, /modelStreamErrorException: Model stream failed/);
      assert.doesNotMatch(responses, /response\.completed/);
      const messages = await (await post('messages')).text();
      assert.match(messages, /event: error\ndata: \{"type":"error","error":\{"type":"api_error","message":"[^"]*Model stream failed/);
      assert.doesNotMatch(messages, /message_stop/);
    });
  } finally {
    await upstream.close();
  }
});

/** Throttles the first call, then plays the shell task. */
function throttledOnce(script: MockScript): MockScript {
  return (req, turn) => (turn === 0 ? { error: THROTTLED } : script(req, turn));
}

test('the real CLIs wait out a Bedrock throttle (Retry-After 5 s) and finish the task', { timeout: 120_000, concurrency: 2 }, async (t) => {
  const run = async (cli: 'codex' | 'claude') => {
    const marker = `${cli}-after-throttle-ok`;
    const upstream = await startMockUpstream({ dialect: 'bedrock', script: throttledOnce(shellToolScript({ cli, command: `echo ${marker}` })) });
    try {
      let result: Awaited<ReturnType<typeof runCodex>> | undefined;
      await withLynkr(lynkrEnv(upstream), async (url) => {
        const prompt = `Run: echo ${marker}`;
        result = cli === 'codex' ? await runCodex({ baseUrl: url, prompt, timeoutMs: 60_000 }) : await runClaude({ baseUrl: url, prompt, timeoutMs: 60_000 });
      });
      assert.equal(result!.code, 0, `${cli} failed:\n${result!.stderr}\n${result!.stdout}`);
      assert.match(result!.stdout, new RegExp(`FINAL: ${marker}`));
      const [throttled, retried] = upstream.turnRequests;
      const waited = retried.receivedAt - throttled.receivedAt;
      assert.ok(waited >= 4500, `${cli} retried after ${waited} ms`);
    } finally {
      await upstream.close();
    }
  };
  await Promise.all([t.test('Codex', () => run('codex')), t.test('Claude Code', () => run('claude'))]);
});
