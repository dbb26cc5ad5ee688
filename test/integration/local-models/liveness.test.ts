/**
 * While a local model is silent (loading, pre-filling), each client gets its dialect's real
 * liveness event (wire-contract §3.1, §4 last row): Responses `response.in_progress`,
 * Anthropic `ping`, an SSE comment for Chat. Here with a 250 ms interval against an Ollama
 * model that answers after 1.5 s; the answer itself arrives intact after them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../../support/lynkr.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';

type Json = Record<string, any>;

/** SSE lines in order: `{comment}` for `:` lines, `{data}` for parsed `data:` lines. */
async function sseLines(url: string, path: string, body: unknown): Promise<Array<{ comment?: string; data?: Json }>> {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200);
  const out: Array<{ comment?: string; data?: Json }> = [];
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith(':')) out.push({ comment: line });
    else if (line.startsWith('data: ') && line !== 'data: [DONE]') out.push({ data: JSON.parse(line.slice(6)) as Json });
  }
  return out;
}

/** Counts the lines matching `isLiveness` before the first line with text, and joins the text. */
function split(lines: Array<{ comment?: string; data?: Json }>, textOf: (d: Json) => string | undefined, isLiveness: (l: { comment?: string; data?: Json }) => boolean) {
  const first = lines.findIndex((l) => l.data && textOf(l.data));
  assert.ok(first > 0, 'the answer arrived');
  return {
    liveness: lines.slice(0, first).filter(isLiveness).length,
    text: lines.map((l) => (l.data ? (textOf(l.data) ?? '') : '')).join(''),
  };
}

test('each dialect gets liveness events while the model is silent, then the answer', async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'late answer', firstByteDelayMs: 1500 }) });
  try {
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url, LYNKR_KEEPALIVE_INTERVAL_MS: '250' }, async (url) => {
      const [responses, anthropic, chat] = await Promise.all([
        sseLines(url, '/v1/responses', { model: 'gpt-5.5', stream: true, input: 'hi' }),
        sseLines(url, '/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
        sseLines(url, '/v1/chat/completions', { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      ]);

      // response.created + response.in_progress open every stream; the rest are keep-alives.
      const r = split(responses, (d) => (d.type === 'response.output_text.delta' ? d.delta : undefined), (l) => l.data?.type === 'response.in_progress');
      assert.ok(r.liveness >= 3, `${r.liveness} response.in_progress before the answer`);
      assert.equal(r.text, 'late answer');
      assert.equal(responses.at(-1)!.data!.type, 'response.completed');

      const a = split(anthropic, (d) => (d.delta?.type === 'text_delta' ? d.delta.text : undefined), (l) => l.data?.type === 'ping');
      assert.ok(a.liveness >= 2, `${a.liveness} pings before the answer`);
      assert.equal(a.text, 'late answer');
      assert.equal(anthropic.at(-1)!.data!.type, 'message_stop');

      const c = split(chat, (d) => d.choices?.[0]?.delta?.content || undefined, (l) => l.comment !== undefined);
      assert.ok(c.liveness >= 2, `${c.liveness} SSE comments before the answer`);
      assert.equal(c.text, 'late answer');
    });
    assert.equal(upstream.turnRequests.length, 3, 'one upstream request per client request');
  } finally {
    await upstream.close();
  }
});
