/**
 * Provider-side prompt caching for translated traffic: the real Codex CLI 0.169.0 through
 * Lynkr to an Anthropic upstream (mock). Every upstream request carries `cache_control`
 * breakpoints (at most Anthropic's four): on the system prompt, the last function tool and the
 * end of the conversation; the tool round's request also marks the end of the previous
 * request's conversation, so the next call reads it back at the cached-token price.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startMockUpstream } from '../support/mock-upstream/index.js';
import { runCodex } from '../support/run-codex.js';
import { shellToolScript } from '../support/scripts.js';
import { withCachingLynkr } from '../integration/cache/cache-env.js';

type Json = Record<string, any>;

/** JSON paths of every `cache_control` in an Anthropic request body. */
function breakpoints(body: Json): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'cache_control') out.push(path);
        else if (k !== 'input_schema') walk(v, `${path}.${k}`);
      }
    }
  };
  walk(body, '$');
  return out;
}

test('Codex → Lynkr → Anthropic sends cache_control breakpoints on tools, system and history', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'anthropic', apiKey: 'sk-ant-test', script: shellToolScript({ cli: 'codex', command: 'echo cached-prefix-ok' }) });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withCachingLynkr({ MODEL_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_ENDPOINT: upstream.url }, async (url) => {
      result = await runCodex({ baseUrl: url, prompt: 'Run: echo cached-prefix-ok', timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `codex failed:\n${result!.stderr}\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: cached-prefix-ok/);
    const turns = upstream.turnRequests.map((t) => t.body as Json);
    assert.equal(turns.length, 2);
    for (const body of turns) {
      const marks = breakpoints(body);
      assert.ok(marks.length >= 3 && marks.length <= 4, `3 to 4 breakpoints, got ${marks.join(', ')}`);
      assert.deepEqual(body.system.at(-1).cache_control, { type: 'ephemeral' }, 'the system prompt ends a cached prefix');
      const lastFunctionTool = body.tools.map((t: Json, i: number) => ({ t, i })).filter(({ t }: { t: Json }) => t.input_schema && !t.type).at(-1);
      assert.ok(lastFunctionTool, 'Codex declares function tools');
      assert.ok(marks.includes(`$.tools[${lastFunctionTool.i}]`), `the last function tool is marked: ${marks.join(', ')}`);
      const lastMessage = body.messages.length - 1;
      assert.ok(marks.some((m) => m.startsWith(`$.messages[${lastMessage}]`)), `the final message is marked: ${marks.join(', ')}`);
    }
    // The tool round: the request before it ended with the user's prompt, which is marked again.
    const second = turns[1];
    const toolResult = second.messages.at(-1).content.find((b: Json) => b.type === 'tool_result');
    assert.deepEqual(toolResult.cache_control, { type: 'ephemeral' });
    const assistantAt = second.messages.findLastIndex((m: Json) => m.role === 'assistant');
    assert.ok(breakpoints(second).some((m) => m.startsWith(`$.messages[${assistantAt - 1}]`)), 'the previous request\'s end is a breakpoint');
  } finally {
    await upstream.close();
  }
});
