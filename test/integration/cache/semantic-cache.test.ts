/**
 * The semantic cache end to end (SEMANTIC_CACHE_ENABLED=true) against the Ollama mock, whose
 * `/api/embed` is a bag-of-words embedding: rephrasings with the same content words are close,
 * unrelated questions far. A paraphrase is served from cache; an unrelated question, the same
 * question under another system prompt or after another conversation, and anything in a
 * conversation with tool calls or results go upstream. A failing embeddings model costs a
 * miss, never the answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCaptured } from '../../support/fixtures.js';
import { startMockUpstream, type MockScript, type MockUpstream } from '../../support/mock-upstream/index.js';
import { metric, metricsText, postJson, withCachingLynkr } from './cache-env.js';

type Json = Record<string, any>;

const lastUserText = (body: Json): string => {
  const user = (body.messages as Json[]).filter((m) => m.role === 'user').at(-1);
  return typeof user?.content === 'string' ? user.content : '';
};

/** Answers with the turn number and the question, so every upstream answer is recognisable. */
const echoScript: MockScript = (req, turn) => ({ text: `answer ${turn}: ${lastUserText(req.body as Json)}`, usage: { input: 50, output: 8 } });

async function withSemanticLynkr(
  fn: (url: string, upstream: MockUpstream) => Promise<void>,
  { env = {}, models, script = echoScript }: { env?: Record<string, string>; models?: string[]; script?: MockScript } = {},
): Promise<void> {
  const upstream = await startMockUpstream({ dialect: 'ollama', script, embeddingDims: 64, models });
  try {
    await withCachingLynkr(
      { MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, OLLAMA_MODEL: 'qwen2.5-coder:7b', OLLAMA_EMBEDDINGS_MODEL: 'nomic-embed-text', SEMANTIC_CACHE_ENABLED: 'true', ...env },
      (url) => fn(url, upstream),
    );
  } finally {
    await upstream.close();
  }
}

const chat = (url: string, messages: Json[], extra: Json = {}) => postJson(`${url}/v1/chat/completions`, { model: 'gpt-4o', messages, ...extra });
const answerOf = (res: { body: Json }): string => res.body.choices[0].message.content;

test('a paraphrase is served from the semantic cache; an unrelated question is not', async () => {
  await withSemanticLynkr(async (url, upstream) => {
    const first = await chat(url, [{ role: 'user', content: 'What is the capital of France?' }]);
    assert.equal(answerOf(first), 'answer 0: What is the capital of France?');
    const paraphrase = await chat(url, [{ role: 'user', content: "Tell me France's capital, please." }]);
    assert.equal(answerOf(paraphrase), 'answer 0: What is the capital of France?', 'served from the semantic cache');
    const unrelated = await chat(url, [{ role: 'user', content: 'How many legs does a spider have?' }]);
    assert.equal(answerOf(unrelated), 'answer 1: How many legs does a spider have?');
    assert.equal(upstream.turnRequests.length, 2);
    assert.equal(upstream.requests.filter((r) => r.path === '/api/embed').length, 3, 'the latest user message is embedded once per request');
    const embedded = upstream.requests.find((r) => r.path === '/api/embed')!.body as Json;
    assert.deepEqual(embedded, { model: 'nomic-embed-text', input: ['What is the capital of France?'] });

    const metrics = await metricsText(url);
    assert.equal(metric(metrics, 'lynkr_cache_requests_total{kind="semantic",result="hit"}'), 1);
    assert.equal(metric(metrics, 'lynkr_cache_requests_total{kind="semantic",result="miss"}'), 2);
    assert.equal(metric(metrics, 'lynkr_tokens_saved_total{mechanism="semantic_cache"}'), 58);
  });
});

test('the scope keeps answers apart: another system prompt, another earlier conversation, other sampling', async () => {
  await withSemanticLynkr(async (url, upstream) => {
    const question = { role: 'user', content: 'What is the capital of France?' };
    await chat(url, [question]);
    await chat(url, [{ role: 'system', content: 'Answer in French.' }, question]);
    await chat(url, [question], { temperature: 0.2 });
    // "More detail" means different things after different conversations.
    await chat(url, [{ role: 'user', content: 'Tell me about Paris.' }, { role: 'assistant', content: 'Paris is a city.' }, { role: 'user', content: 'More detail, please.' }]);
    const rome = await chat(url, [{ role: 'user', content: 'Tell me about Rome.' }, { role: 'assistant', content: 'Rome is a city.' }, { role: 'user', content: 'More detail, please.' }]);
    assert.equal(answerOf(rome), 'answer 4: More detail, please.');
    assert.equal(upstream.turnRequests.length, 5);
  });
});

test('conversations with tool calls or results are never served from or stored in the semantic cache', async () => {
  const tools = [{ type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];
  const withResult = (question: string): Json[] => [
    { role: 'user', content: 'Look at the config.' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.json"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: '{"port": 8080}' },
    { role: 'user', content: question },
  ];
  let calls = 0;
  const script: MockScript = (req, turn) => {
    calls++;
    // The first answer of a fresh conversation calls a tool: never stored semantically either.
    return (req.body as Json).messages.length === 1 ? { toolCalls: [{ name: 'read_file', arguments: { path: 'b.json' } }] } : echoScript(req, turn);
  };
  await withSemanticLynkr(
    async (url) => {
      await chat(url, withResult('Which port is configured?'), { tools });
      const again = await chat(url, withResult('Which port is set in the configuration?'), { tools });
      assert.equal(answerOf(again), 'answer 1: Which port is set in the configuration?');
      await chat(url, [{ role: 'user', content: 'Read the build file.' }], { tools });
      const rephrased = await chat(url, [{ role: 'user', content: 'Please read the build file.' }], { tools });
      assert.equal(rephrased.body.choices[0].finish_reason, 'tool_calls');
      assert.equal(calls, 4, 'every request reached the upstream');
    },
    { script },
  );
});

test('Codex-shaped requests: two different tasks in one scope each get their own answer, a rephrased task the first one', async () => {
  const codex = loadCaptured('codex-0.169.0').find((c) => c.name === 'basic-turn1')!;
  const task = (prompt: string) => {
    const input = (codex.body.input as Json[]).filter((item) => !(item.role === 'user' && item.content?.[0]?.text === codex.body.input.at(-1).content[0].text));
    return { ...codex.body, stream: false, input: [...input, { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] }], prompt_cache_key: `session-${prompt.length}` };
  };
  const script: MockScript = (req, turn) => ({ text: `answer ${turn}: ${lastUserText(req.body as Json)}` });
  await withSemanticLynkr(
    async (url, upstream) => {
      const text = (res: { body: Json }) => res.body.output.find((o: Json) => o.type === 'message').content[0].text as string;
      const a = await postJson(`${url}/v1/responses`, task('Explain what the Makefile build target does.'));
      const b = await postJson(`${url}/v1/responses`, task('Count the lines of code in the src folder.'));
      const c = await postJson(`${url}/v1/responses`, task('Explain what the build target in the Makefile does.'));
      assert.equal(text(a), 'answer 0: Explain what the Makefile build target does.');
      assert.equal(text(b), 'answer 1: Count the lines of code in the src folder.');
      assert.equal(text(c), 'answer 0: Explain what the Makefile build target does.');
      assert.equal(upstream.turnRequests.length, 2);
    },
    { script },
  );
});

test('an embeddings failure costs a miss and a warning, never the answer', async () => {
  await withSemanticLynkr(
    async (url, upstream) => {
      const res = await chat(url, [{ role: 'user', content: 'What is the capital of France?' }]);
      assert.equal(res.status, 200);
      assert.equal(answerOf(res), 'answer 0: What is the capital of France?');
      assert.equal(upstream.requests.filter((r) => r.path === '/api/embed').length, 1);
      assert.equal(metric(await metricsText(url), 'lynkr_cache_requests_total{kind="semantic",result="error"}'), 1);
    },
    { models: ['qwen2.5-coder:7b'] }, // the embeddings model is unknown: /api/embed answers 404
  );
});
