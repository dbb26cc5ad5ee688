/**
 * Errors in the caller's dialect and request ids everywhere (wire-contract §4, issue 6 "bad
 * input"): invalid JSON, wrong shapes and oversized bodies are 4xx in each route's own error
 * shape, never a 500; unknown routes are OpenAI-shaped 404s; unknown item, content and tool
 * types are tolerated (§2.1.1); every response — errors, streams, pass-through, probes —
 * carries `x-request-id`, and Anthropic error bodies carry the same id as `request_id`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { startMockUpstream, type MockUpstream } from '../../support/mock-upstream/index.js';
import { assertErrorShape, DIALECTS, readSse, send, silent, withStack } from './support.js';

describe('bad input, in each dialect', () => {
  let server: RunningServer;
  let upstream: MockUpstream;
  before(async () => {
    upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'tolerated' }) });
    server = await startServer({ env: { OLLAMA_ENDPOINT: upstream.url, LYNKR_MAX_BODY_MB: '1' }, port: 0, logger: silent });
  });
  after(async () => {
    await server.close();
    await upstream.close();
  });

  test('invalid JSON, empty bodies and non-object bodies are 400s in the route\'s shape', async () => {
    for (const d of DIALECTS) {
      for (const body of ['{"model":', '', 'null', '[]', '"text"', '42', '{"model":"m","input":"hi"}garbage']) {
        const answer = await send(server.url + d.path, body);
        assert.equal(answer.status, 400, `${d.name} ${JSON.stringify(body)}: ${answer.text}`);
        assertErrorShape(d, answer);
      }
    }
  });

  test('wrong shapes are 400s naming the field', async () => {
    const cases: Array<[path: string, body: unknown, shape: 'openai' | 'anthropic']> = [
      ['/v1/responses', { model: 'm', input: 42 }, 'openai'],
      ['/v1/responses', { model: 'm', input: { role: 'user' } }, 'openai'],
      ['/v1/chat/completions', { model: 'm', messages: 'hi' }, 'openai'],
      ['/v1/chat/completions', { model: 'm', messages: { role: 'user', content: 'hi' } }, 'openai'],
      ['/v1/messages', { model: 'm', max_tokens: 5, messages: 'hi' }, 'anthropic'],
      ['/v1/messages', { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 7 }] }, 'anthropic'],
    ];
    for (const [path, body, shape] of cases) {
      const answer = await send(server.url + path, body);
      assert.equal(answer.status, 400, `${path} ${JSON.stringify(body)}: ${answer.text}`);
      const err = assertErrorShape(shape, answer);
      assert.match(err.message, /input|messages|content/, err.message);
    }
  });

  test('JSON nested past 512 levels is a 400 (not a stack overflow); brackets inside strings do not count', async () => {
    const nested = (depth: number) => '['.repeat(depth) + '"x"' + ']'.repeat(depth);
    for (const d of DIALECTS) {
      const text = JSON.stringify(d.body(false));
      const deep = await send(server.url + d.path, `{"deep":${nested(5_000)},${text.slice(1)}`);
      assert.equal(deep.status, 400, d.name);
      assert.match(assertErrorShape(d, deep).message, /nests deeper than 512 levels/);
      const fine = await send(server.url + d.path, `{"deep":${nested(500)},"note":"${'['.repeat(10_000)}",${text.slice(1)}`);
      assert.equal(fine.status, 200, `${d.name}: ${fine.text.slice(0, 200)}`);
    }
  });

  test('a body over LYNKR_MAX_BODY_MB is a 413 in each dialect', async () => {
    const big = 'x'.repeat(1_100_000);
    for (const d of DIALECTS) {
      const answer = await send(server.url + d.path, JSON.stringify({ ...d.body(true), padding: big }));
      assert.equal(answer.status, 413, d.name);
      const err = assertErrorShape(d, answer);
      assert.equal(d.errorShape === 'openai' ? err.code : err.type, 'request_too_large');
      assert.match(err.message, /LYNKR_MAX_BODY_MB/);
    }
    assert.equal((await fetch(server.url + '/health')).status, 200, 'still serving');
  });

  test('unknown routes are 404s in the OpenAI shape', async () => {
    for (const [method, path] of [['GET', '/v1/nothing'], ['POST', '/v2/responses'], ['DELETE', '/v1/chat/completions'], ['PUT', '/v1/messages']]) {
      const res = await fetch(server.url + path, { method, body: method === 'GET' ? undefined : '{}' });
      const answer = { status: res.status, headers: res.headers, text: await res.text(), ms: 0 };
      assert.equal(answer.status, 404, `${method} ${path}`);
      const shape = path.startsWith('/v1/messages') ? 'anthropic' : 'openai';
      assert.match(assertErrorShape(shape, answer).message, /Unknown route/);
    }
  });

  test('unknown item, content and tool types are tolerated, never a 400 (wire-contract §2.1.1)', async () => {
    const codexFuture = [
      'tool_search_call',
      'tool_search_output',
      'image_generation_call',
      'agent_message',
      'context_compaction',
      'additional_tools',
      'configuration_update',
      'web_search_call',
      'local_shell_call',
      'compaction',
      'item_from_2027',
    ].map((type) => ({ type, id: `${type}_1`, status: 'completed', payload: { anything: [1, 2] } }));
    const responses = await send(server.url + '/v1/responses', {
      model: 'gpt-4o',
      stream: true,
      input: [
        ...codexFuture,
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }, { type: 'input_hologram', data: 'x' }] },
      ],
      tools: [{ type: 'web_search' }, { type: 'tool_search', execution: 'client' }, { type: 'image_generation' }, { type: 'tool_from_2027', name: 'x' }],
      future_top_level_field: { a: 1 },
    });
    assert.equal(responses.status, 200, responses.text);
    assert.ok(DIALECTS[0].completed(readSse(responses.text)));

    const messages = await send(server.url + '/v1/messages?beta=true', {
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      stream: true,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'search' }, { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc' } }] },
        {
          role: 'assistant',
          content: [
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
            { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
            { type: 'block_from_2027', data: 1 },
            { type: 'text', text: 'found' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'thanks' }, { type: 'container_upload', file_id: 'f' }] },
      ],
      future_top_level_field: true,
    });
    assert.equal(messages.status, 200, messages.text);
    assert.ok(DIALECTS[2].completed(readSse(messages.text)));

    const chat = await send(server.url + '/v1/chat/completions', {
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }, { type: 'part_from_2027' }] }],
      future_top_level_field: 1,
    });
    assert.equal(chat.status, 200, chat.text);
    assert.ok(DIALECTS[1].completed(readSse(chat.text)));
  });
});

describe('x-request-id on every response', () => {
  test('probes, model lists, errors, streams and JSON answers on the translated path', async () => {
    await withStack({ mock: { dialect: 'ollama', script: () => ({ text: 'ok' }) } }, async ({ url }) => {
      const requests: Array<[string, RequestInit]> = [
        ['/', { method: 'HEAD' }],
        ['/', {}],
        ['/health', {}],
        ['/health/ready', {}],
        ['/v1/models', {}],
        ['/v1/nothing', {}],
        ['/v1/responses/resp_missing', {}],
        ['/v1/messages/count_tokens', { method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }) }],
        ...DIALECTS.flatMap((d): Array<[string, RequestInit]> => [
          [d.path, { method: 'POST', body: JSON.stringify(d.body(true)) }],
          [d.path, { method: 'POST', body: JSON.stringify(d.body(false)) }],
          [d.path, { method: 'POST', body: '{' }],
        ]),
      ];
      for (const [path, init] of requests) {
        const res = await fetch(url + path, init);
        await res.arrayBuffer();
        assert.match(res.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/, `${init.method ?? 'GET'} ${path} (${res.status})`);
      }
    });
  });

  test('pass-through streams and upstream errors carry it; Anthropic error bodies repeat it as request_id', async () => {
    await withStack(
      {
        mock: {
          dialect: 'anthropic',
          script: (_r, turn) => (turn === 0 ? { text: 'relayed' } : { error: { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'bad tool schema' } } } }),
        },
        env: { MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-test-000' },
        endpointVar: 'ANTHROPIC_ENDPOINT',
      },
      async ({ url }) => {
        const d = DIALECTS[2];
        const ok = await send(url + d.path, d.body(true));
        assert.equal(ok.status, 200);
        assert.match(ok.headers.get('x-request-id') ?? '', /^req_/);
        assert.equal(d.text(ok), 'relayed');
        const bad = await send(url + d.path, d.body(true));
        assert.equal(bad.status, 400);
        const err = assertErrorShape('anthropic', bad);
        assert.match(err.message, /bad tool schema/);
      },
    );
  });
});
