/**
 * Issue 5, tool-call repair: a scripted Ollama model without working tool calling writes its
 * shell call as text. Through Lynkr, the real Codex CLI and the real Claude Code still run
 * the tool, and the tool's output reaches the final answer ("FINAL: <output>" is what the
 * model says only after it received the tool result).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream } from '../support/mock-upstream/index.js';
import { textToolScript, type TextCallFormat } from '../support/mock-upstream/local-model-scripts.js';
import { runClaude } from '../support/run-claude.js';
import { runCodex } from '../support/run-codex.js';

type Json = Record<string, any>;

const OLLAMA = (url: string) => ({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: url, OLLAMA_MODEL: 'qwen2.5-coder:7b' });

async function codexWithTextCalls(format: TextCallFormat, marker: string) {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: textToolScript({ cli: 'codex', command: `echo ${marker}`, format }) });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withLynkr(OLLAMA(upstream.url), async (url) => {
      result = await runCodex({ baseUrl: url, prompt: `Run: echo ${marker}`, timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `codex failed:\nSTDERR:\n${result!.stderr}\nSTDOUT:\n${result!.stdout}`);
    assert.match(result!.stdout, new RegExp(`FINAL: ${marker}`));
    assert.deepEqual(upstream.scriptErrors, []);
    // Turn 1: the model wrote text. Turn 2: Codex sent back a real call and its result.
    assert.equal(upstream.turnRequests.length, 2);
    const second = upstream.turnRequests[1].body as Json;
    const call = second.messages.find((m: Json) => m.role === 'assistant' && m.tool_calls);
    assert.ok(call, 'the repaired call is in the history as a structured call');
    assert.equal(call.tool_calls[0].function.name, 'exec_command');
    assert.deepEqual(call.tool_calls[0].function.arguments, { cmd: `echo ${marker}` });
    assert.equal(call.content ?? '', '', 'the call text did not also stay as assistant text');
    const tool = second.messages.at(-1);
    assert.equal(tool.role, 'tool');
    assert.match(tool.content, new RegExp(marker));
  } finally {
    await upstream.close();
  }
}

test('Codex → Lynkr → Ollama model writing its tool call as bare JSON text completes a shell task', { timeout: 120_000 }, async () => {
  await codexWithTextCalls('json', 'repair-json-ok');
});

test('Codex → Lynkr → Ollama model writing <tool_call> tags (Qwen/Hermes) completes a shell task', { timeout: 120_000 }, async () => {
  await codexWithTextCalls('qwen', 'repair-qwen-ok');
});

test('Claude Code → Lynkr → Ollama model writing its tool call as JSON text completes a Bash task', { timeout: 120_000 }, async () => {
  const marker = 'cc-repair-json-ok';
  const upstream = await startMockUpstream({ dialect: 'ollama', script: textToolScript({ cli: 'claude', command: `echo ${marker}`, format: 'json' }) });
  try {
    let result: Awaited<ReturnType<typeof runClaude>> | undefined;
    await withLynkr(OLLAMA(upstream.url), async (url) => {
      result = await runClaude({ baseUrl: url, prompt: `Run: echo ${marker}`, timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `claude failed:\nSTDERR:\n${result!.stderr}\nSTDOUT:\n${result!.stdout}`);
    assert.match(result!.stdout, new RegExp(`FINAL: ${marker}`));
    assert.deepEqual(upstream.scriptErrors, []);
    const last = upstream.turnRequests.at(-1)!.body as Json;
    const call = last.messages.find((m: Json) => m.role === 'assistant' && m.tool_calls);
    assert.equal(call.tool_calls[0].function.name, 'Bash');
    assert.equal(call.tool_calls[0].function.arguments.command, `echo ${marker}`);
    assert.match(last.messages.at(-1).content, new RegExp(marker));
  } finally {
    await upstream.close();
  }
});
