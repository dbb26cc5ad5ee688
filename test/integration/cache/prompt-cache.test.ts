/**
 * The exact-match prompt cache end to end, through Lynkr's HTTP routes against the Ollama mock:
 * identical requests reach the upstream once in every client dialect (Chat, Responses streamed
 * and not, Anthropic Messages), the replay parses with the official `openai` SDK, volatile
 * client fields do not break a hit, what decides the answer does, and only complete answers
 * are stored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';
import { startMockUpstream, type MockScript, type MockUpstream } from '../../support/mock-upstream/index.js';
import { metric, metricsText, postJson, withCachingLynkr } from './cache-env.js';

type Json = Record<string, any>;

/** Answers with the last user text and the turn number, so a second upstream call would show. */
const echoScript: MockScript = (req, turn) => {
  const msgs = (req.body as { messages: Array<{ role: string; content: string }> }).messages;
  return { text: `answer ${turn} to ${msgs.filter((m) => m.role === 'user').at(-1)?.content ?? ''}`, usage: { input: 120, output: 9 } };
};

async function withOllama(fn: (upstream: MockUpstream, env: Record<string, string>) => Promise<void>, script: MockScript = echoScript): Promise<void> {
  const upstream = await startMockUpstream({ dialect: 'ollama', script });
  try {
    await fn(upstream, { MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_MODEL: 'qwen2.5-coder:7b' });
  } finally {
    await upstream.close();
  }
}

test('two identical Chat requests cause one upstream call and get the same answer', async () => {
  await withOllama(async (upstream, env) => {
    await withCachingLynkr(env, async (url) => {
      const body = { model: 'gpt-4o', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is 2+2?' }], temperature: 0 };
      const first = await postJson(`${url}/v1/chat/completions`, body);
      const second = await postJson(`${url}/v1/chat/completions`, body);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal(upstream.turnRequests.length, 1);
      assert.equal(second.body.choices[0].message.content, 'answer 0 to What is 2+2?');
      assert.equal(second.body.choices[0].message.content, first.body.choices[0].message.content);
      assert.equal(second.body.model, 'gpt-4o');
      assert.notEqual(second.body.id, first.body.id, 'a replay is a new response');
      // The replay reports the stored usage, its prompt served from cache.
      assert.equal(second.body.usage.prompt_tokens, 120);
      assert.equal(second.body.usage.completion_tokens, 9);
      assert.equal(second.body.usage.prompt_tokens_details.cached_tokens, 120);

      const metrics = await metricsText(url);
      assert.equal(metric(metrics, 'lynkr_cache_requests_total{kind="prompt",result="miss"}'), 1);
      assert.equal(metric(metrics, 'lynkr_cache_requests_total{kind="prompt",result="hit"}'), 1);
      assert.equal(metric(metrics, 'lynkr_tokens_saved_total{mechanism="prompt_cache"}'), 129);
    });
  });
});

test('two identical streamed Responses requests cause one upstream call; the openai SDK parses the replayed stream', async () => {
  await withOllama(async (upstream, env) => {
    await withCachingLynkr(env, async (url) => {
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const ask = async (cacheKey: string) => {
        const stream = await client.responses.create({
          model: 'gpt-5.5',
          instructions: 'You are terse.',
          input: 'Name a prime number.',
          stream: true,
          store: false,
          prompt_cache_key: cacheKey, // volatile: a new Codex session id each time
          metadata: { run: cacheKey },
        });
        const types: string[] = [];
        let delta = '';
        let completed: OpenAI.Responses.Response | undefined;
        for await (const event of stream) {
          types.push(event.type);
          if (event.type === 'response.output_text.delta') delta += event.delta;
          if (event.type === 'response.completed') completed = event.response;
        }
        return { types, delta, completed };
      };
      const first = await ask('session-a');
      const second = await ask('session-b');
      assert.equal(upstream.turnRequests.length, 1);
      assert.equal(second.delta, 'answer 0 to Name a prime number.');
      assert.equal(second.completed?.output_text, first.completed?.output_text);
      assert.equal(second.completed?.status, 'completed');
      assert.equal(second.completed?.usage?.input_tokens_details.cached_tokens, 120);
      const collapse = (types: string[]) => types.filter((t, i) => t !== types[i - 1]);
      assert.deepEqual(collapse(second.types), collapse(first.types), 'the replay has the live answer\'s event sequence (in fewer deltas)');
      assert.equal(second.types[0], 'response.created');
      assert.equal(second.types.at(-1), 'response.completed');
    });
  });
});

test('a cached answer is replayed in the caller\'s dialect: Chat first, then Responses non-stream and Anthropic streamed', async () => {
  await withOllama(async (upstream, env) => {
    await withCachingLynkr(env, async (url) => {
      await postJson(`${url}/v1/chat/completions`, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hi' }], max_tokens: 100 });
      const responses = await postJson(`${url}/v1/responses`, { model: 'gpt-4o', input: 'Say hi', max_output_tokens: 100 });
      assert.equal(responses.status, 200);
      assert.equal(responses.body.output_text ?? responses.body.output[0].content[0].text, 'answer 0 to Say hi');
      const messages = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'gpt-4o', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'Say hi' }] }),
      });
      const sse = await messages.text();
      assert.match(sse, /event: message_start/);
      assert.match(sse, /"text":"answer 0 to Say hi"/);
      assert.match(sse, /event: message_stop/);
      assert.equal(upstream.turnRequests.length, 1, 'the same question in three dialects reaches the upstream once');
    });
  });
});

test('what decides the answer makes a new key; volatile client fields do not', async () => {
  await withOllama(async (upstream, env) => {
    await withCachingLynkr(env, async (url) => {
      const base = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Pick a colour.' }] };
      const send = (extra: Json) => postJson(`${url}/v1/chat/completions`, { ...base, ...extra });
      await send({});
      await send({ user: 'someone-else', metadata: { trace: 'x' }, store: false, prompt_cache_key: 'k2' });
      assert.equal(upstream.turnRequests.length, 1, 'user, metadata, store and prompt_cache_key are not part of the key');
      await send({ temperature: 1.5 });
      await send({ max_tokens: 7 });
      await send({ messages: [{ role: 'system', content: 'Only primary colours.' }, ...base.messages] });
      await send({ tools: [{ type: 'function', function: { name: 'paint', parameters: { type: 'object', properties: {} } } }] });
      await send({ model: 'ollama:other-model' });
      assert.equal(upstream.turnRequests.length, 6, 'sampling, limits, system prompt, tools and the routed model each change the key');
    });
  });
});

test('errors and cut streams are never stored; PROMPT_CACHE_ENABLED=false turns the cache off', async () => {
  let fail = true;
  const script: MockScript = (req, turn) => {
    if (fail) return { error: { status: 500, body: { error: 'model crashed' } } };
    return turn === 1 ? { text: 'partial answer that never finishes', cutAfterChunks: 1 } : echoScript(req, turn);
  };
  await withOllama(async (upstream, env) => {
    await withCachingLynkr({ ...env, UPSTREAM_MAX_RETRIES: '0' }, async (url) => {
      const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello?' }] };
      assert.equal((await postJson(`${url}/v1/chat/completions`, body)).status, 502);
      fail = false;
      const cut = await postJson(`${url}/v1/chat/completions`, body);
      assert.notEqual(cut.status, 200);
      const ok = await postJson(`${url}/v1/chat/completions`, body);
      assert.equal(ok.body.choices[0].message.content, 'answer 2 to Hello?');
      const again = await postJson(`${url}/v1/chat/completions`, body);
      assert.equal(again.body.choices[0].message.content, 'answer 2 to Hello?');
      assert.equal(upstream.turnRequests.length, 3);
    });
  }, script);

  await withOllama(async (upstream, env) => {
    await withCachingLynkr({ ...env, PROMPT_CACHE_ENABLED: 'false' }, async (url) => {
      const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello?' }] };
      await postJson(`${url}/v1/chat/completions`, body);
      const second = await postJson(`${url}/v1/chat/completions`, body);
      assert.equal(second.body.choices[0].message.content, 'answer 1 to Hello?');
      assert.equal(upstream.turnRequests.length, 2);
    });
  });
});

test('entries expire after PROMPT_CACHE_TTL_MS', async () => {
  await withOllama(async (upstream, env) => {
    await withCachingLynkr({ ...env, PROMPT_CACHE_TTL_MS: '300' }, async (url) => {
      const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Time?' }] };
      await postJson(`${url}/v1/chat/completions`, body);
      await postJson(`${url}/v1/chat/completions`, body);
      assert.equal(upstream.turnRequests.length, 1);
      await new Promise((r) => setTimeout(r, 400));
      const late = await postJson(`${url}/v1/chat/completions`, body);
      assert.equal(late.body.choices[0].message.content, 'answer 1 to Time?');
      assert.equal(upstream.turnRequests.length, 2);
    });
  });
});

test('a replay goes through the later stages once: the tool-loop note is not doubled', async () => {
  await withOllama(async (upstream, env) => {
    await withCachingLynkr({ ...env, POLICY_TOOL_LOOP_THRESHOLD: '1' }, async (url) => {
      const round = (i: number): Json[] => [
        { role: 'assistant', content: null, tool_calls: [{ id: `c${i}`, type: 'function', function: { name: 'ls', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: `c${i}`, content: `listing ${i}` },
      ];
      const body = {
        model: 'gpt-4o',
        tools: [{ type: 'function', function: { name: 'ls', parameters: { type: 'object', properties: {} } } }],
        messages: [{ role: 'user', content: 'Explore.' }, ...round(1), ...round(2)],
      };
      const first = await postJson(`${url}/v1/chat/completions`, body);
      const second = await postJson(`${url}/v1/chat/completions`, body);
      assert.equal(upstream.turnRequests.length, 1);
      const text = second.body.choices[0].message.content as string;
      assert.equal(text, first.body.choices[0].message.content);
      assert.equal(text.match(/Lynkr stopped a tool loop/g)?.length, 1, text);
    });
  });
});
