/**
 * Upstream credentials and client keys never appear in logs, errors or metrics (issue 6). The
 * real process runs at LOG_LEVEL=debug while clients succeed, fail authentication, and meet
 * upstream errors and a broken stream that echo the upstream key; then everything the
 * process wrote, every answer and `/metrics` are searched for the keys.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startMockUpstream, type MockTurn } from '../../support/mock-upstream/index.js';
import { spawnLynkr } from './spawn-lynkr.js';
import { DIALECTS, readSse, send } from './support.js';

const UPSTREAM_KEY = 'sk-upstream-9d41c07be2f5a8';
const CLIENT_KEYS = ['lynkr-client-key-5e0b7d', 'lynkr-client-key-c3a9f1'];
const SECRETS = [UPSTREAM_KEY, ...CLIENT_KEYS];

test('keys stay out of the debug log, client answers and /metrics', async () => {
  const turns: Record<string, MockTurn> = {
    ok: { text: 'fine' },
    echo401: { error: { status: 401, body: { error: { message: `Incorrect API key provided: ${UPSTREAM_KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' } } } },
    echo500: { error: { status: 500, body: { error: { message: `backend failed for key ${UPSTREAM_KEY}` } } } },
    echoMidStream: { text: 'partial answer here', streamError: { message: `stream aborted for ${UPSTREAM_KEY}`, afterChunks: 2 } },
  };
  const upstream = await startMockUpstream({
    dialect: 'openai-chat',
    apiKey: UPSTREAM_KEY,
    script: (req) => turns[String(req.body?.messages?.at(-1)?.content ?? '').split(' ')[0]] ?? turns.ok,
  });
  const lynkr = await spawnLynkr({
    LOG_LEVEL: 'debug',
    MODEL_PROVIDER: 'openai',
    OPENAI_ENDPOINT: `${upstream.url}/v1`,
    OPENAI_API_KEY: UPSTREAM_KEY,
    LYNKR_API_KEYS: CLIENT_KEYS.join(','),
    UPSTREAM_MAX_RETRIES: '1',
  });
  const answers: string[] = [];
  try {
    const auth = (i: number): Record<string, string> => (i % 2 === 0 ? { authorization: `Bearer ${CLIENT_KEYS[0]}` } : { 'x-api-key': CLIENT_KEYS[1] });
    for (const [i, d] of DIALECTS.entries()) {
      for (const scenario of ['ok', 'echo401', 'echo500', 'echoMidStream']) {
        for (const stream of [true, false]) {
          const body = { ...d.body(stream) } as Record<string, any>;
          if (body.input) body.input = `${scenario} please`;
          else body.messages = [{ role: 'user', content: `${scenario} please` }];
          const answer = await send(lynkr.url + d.path, body, auth(i));
          answers.push(answer.text);
          if (scenario === 'ok') assert.equal(answer.status, 200, `${d.name} ${scenario}: ${answer.text.slice(0, 200)}`);
          if (scenario === 'echo401') assert.equal(answer.status, 401);
          if (scenario === 'echoMidStream' && stream) assert.ok(d.streamError(readSse(answer.text)), `${d.name}: in-stream error`);
        }
      }
      // A client with a wrong key, and one that sends the upstream's key to Lynkr.
      const strangers: Array<Record<string, string>> = [{ authorization: 'Bearer wrong-key-000000' }, { 'x-api-key': UPSTREAM_KEY }];
      for (const headers of strangers) {
        const answer = await send(lynkr.url + d.path, d.body(true), headers);
        assert.equal(answer.status, 401);
        answers.push(answer.text);
      }
    }
    const metrics = await fetch(lynkr.url + '/metrics', { headers: { authorization: `Bearer ${CLIENT_KEYS[0]}` } });
    answers.push(await metrics.text());
    const usage = await fetch(lynkr.url + '/metrics/token-usage', { headers: { authorization: `Bearer ${CLIENT_KEYS[0]}` } });
    answers.push(await usage.text());

    lynkr.child.kill('SIGTERM');
    assert.equal((await lynkr.exited).code, 0);
    const output = lynkr.output();
    // The log really was verbose: debug lines and the redacted upstream messages are there.
    assert.ok(lynkr.logs().some((l) => l.level === 20), 'debug lines were written');
    assert.match(output, /Incorrect API key provided: \*\*\*/);
    assert.ok(upstream.turnRequests.length >= 12, `the upstream saw the traffic (${upstream.turnRequests.length})`);
    for (const secret of SECRETS) {
      assert.ok(!output.includes(secret), `log contains ${secret.slice(0, 12)}…:\n${output.split('\n').find((l) => l.includes(secret))}`);
      for (const a of answers) assert.ok(!a.includes(secret), `an answer contains ${secret.slice(0, 12)}…: ${a.slice(0, 300)}`);
    }
  } finally {
    await lynkr.dispose();
    await upstream.close();
  }
});
