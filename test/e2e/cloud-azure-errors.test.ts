/**
 * Upstream errors of Azure OpenAI (Responses URL and deployment chat completions) and
 * Databricks, in each provider's own error body, reaching every client dialect in that
 * client's form (wire-contract §4): throttling → 429 with Retry-After (the only 429 Codex
 * retries; Claude Code's `rate_limit_error` with `retry-after`), context too long → 400
 * `context_length_exceeded` / Claude Code's "prompt is too long" wording, bad credentials →
 * 401 (`x-should-retry: false` for Claude Code). Lynkr's own retries are off so the first
 * upstream answer is what the client sees.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockDialect, type MockHttpError } from '../support/mock-upstream/index.js';

type Json = Record<string, any>;
type Client = 'responses' | 'messages' | 'chat';

const REQUESTS: Record<Client, { path: string; body: Json }> = {
  responses: { path: '/v1/responses', body: { model: 'gpt-5.5', input: 'hi', stream: true } },
  messages: { path: '/v1/messages', body: { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }], stream: true } },
  chat: { path: '/v1/chat/completions', body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true } },
};

interface Provider {
  name: string;
  dialect: MockDialect;
  env(upstreamUrl: string): Record<string, string>;
  /** Upstream path every client's call must reach. */
  path: string;
  errors: { throttled: MockHttpError; tooLong: MockHttpError; badKey: MockHttpError };
}

const AZURE_THROTTLED = (operation: string): MockHttpError => ({
  status: 429,
  headers: { 'retry-after': '7', 'retry-after-ms': '7000', 'x-ratelimit-remaining-requests': '0' },
  body: {
    error: {
      code: '429',
      message: `Requests to the ${operation} Operation under Azure OpenAI API version 2025-04-01-preview have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds.`,
    },
  },
});
const AZURE_BAD_KEY: MockHttpError = {
  status: 401,
  body: { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } },
};

const PROVIDERS: Provider[] = [
  {
    name: 'Azure OpenAI Responses URL',
    dialect: 'openai-responses',
    env: (url) => ({ MODEL_PROVIDER: 'azure-openai', AZURE_OPENAI_ENDPOINT: `${url}/openai/responses?api-version=2025-04-01-preview`, AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_DEPLOYMENT: 'gpt-5-prod' }),
    path: '/openai/responses',
    errors: {
      throttled: AZURE_THROTTLED('Responses_Create'),
      tooLong: {
        status: 400,
        body: { error: { message: 'Your input exceeds the context window of this model. Please adjust your input and try again.', type: 'invalid_request_error', param: 'input', code: 'context_length_exceeded' } },
      },
      badKey: AZURE_BAD_KEY,
    },
  },
  {
    name: 'Azure OpenAI deployment chat completions',
    dialect: 'openai-chat',
    env: (url) => ({ MODEL_PROVIDER: 'azure-openai', AZURE_OPENAI_ENDPOINT: url, AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-prod' }),
    path: '/openai/deployments/gpt-4o-prod/chat/completions',
    errors: {
      throttled: AZURE_THROTTLED('ChatCompletions_Create'),
      tooLong: {
        status: 400,
        body: {
          error: {
            message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 210000 tokens. Please reduce the length of the messages.",
            type: 'invalid_request_error',
            param: 'messages',
            code: 'context_length_exceeded',
          },
        },
      },
      badKey: AZURE_BAD_KEY,
    },
  },
  {
    name: 'Databricks serving endpoint',
    dialect: 'openai-chat',
    env: (url) => ({ MODEL_PROVIDER: 'databricks', DATABRICKS_API_BASE: url, DATABRICKS_API_KEY: 'dapi-x', DATABRICKS_MODEL: 'databricks-claude-sonnet-4-5' }),
    path: '/serving-endpoints/databricks-claude-sonnet-4-5/invocations',
    errors: {
      throttled: {
        status: 429,
        headers: { 'retry-after': '7' },
        body: { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'REQUEST_LIMIT_EXCEEDED: Exceeded workspace input tokens per minute rate limit for databricks-claude-sonnet-4-5.' },
      },
      tooLong: { status: 400, body: { error_code: 'BAD_REQUEST', message: 'BAD_REQUEST: Input is too long for requested model.' } },
      badKey: { status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'Credential was not sent or was of an unsupported type for this API.' } },
    },
  },
];

async function call(lynkr: string, client: Client): Promise<{ status: number; headers: Headers; body: Json }> {
  const { path, body } = REQUESTS[client];
  const res = await fetch(`${lynkr}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'client-key' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

for (const provider of PROVIDERS) {
  test(`${provider.name}: throttling, context overflow and bad credentials in every client's dialect`, { timeout: 60_000 }, async () => {
    let scenario: keyof Provider['errors'] = 'throttled';
    const upstream = await startMockUpstream({ dialect: provider.dialect, script: () => ({ error: provider.errors[scenario] }) });
    try {
      await withLynkr({ ...provider.env(upstream.url), UPSTREAM_MAX_RETRIES: '0' }, async (lynkr) => {
        scenario = 'throttled';
        for (const client of ['responses', 'chat'] as const) {
          const r = await call(lynkr, client);
          assert.equal(r.status, 429, `${client}: ${JSON.stringify(r.body)}`);
          assert.equal(r.headers.get('retry-after'), '7', client);
          assert.equal(r.body.error.code, 'rate_limit_exceeded', client);
          assert.match(r.body.error.message, /try again in 7s/, client);
        }
        let r = await call(lynkr, 'messages');
        assert.equal(r.status, 429);
        assert.equal(r.headers.get('retry-after'), '7');
        assert.equal(r.body.type, 'error');
        assert.equal(r.body.error.type, 'rate_limit_error');

        scenario = 'tooLong';
        for (const client of ['responses', 'chat'] as const) {
          const r = await call(lynkr, client);
          assert.equal(r.status, 400, client);
          assert.equal(r.body.error.code, 'context_length_exceeded', `${client}: ${JSON.stringify(r.body)}`);
        }
        r = await call(lynkr, 'messages');
        assert.equal(r.status, 400);
        assert.equal(r.body.error.type, 'invalid_request_error');
        assert.match(r.body.error.message, /^prompt is too long/, 'the wording Claude Code recognises');

        scenario = 'badKey';
        for (const client of ['responses', 'chat'] as const) {
          const r = await call(lynkr, client);
          assert.equal(r.status, 401, client);
          assert.equal(r.body.error.code, 'invalid_api_key', client);
        }
        r = await call(lynkr, 'messages');
        assert.equal(r.status, 401);
        assert.equal(r.body.error.type, 'authentication_error');
        assert.equal(r.headers.get('x-should-retry'), 'false', 'Claude Code must not retry a bad upstream key');
      });
      assert.equal(upstream.turnRequests.length, 9, 'one upstream call per client request: no retries, no adjustments');
      for (const t of upstream.turnRequests) assert.equal(t.path, provider.path);
    } finally {
      await upstream.close();
    }
  });
}
