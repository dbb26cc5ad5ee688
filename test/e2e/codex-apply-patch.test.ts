/**
 * Codex's freeform `apply_patch` tool through a chat-only upstream: Lynkr sends it as a
 * function taking `{input}`, and turns the model's call back into a `custom_tool_call` with
 * the raw patch (wire-contract §5 item 5: a JSON-wrapped function call would fail). Codex
 * applies the patch; the model then reads the file back with exec_command, so the final
 * answer holds the file's content as written on disk.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockScript } from '../support/mock-upstream/index.js';
import { runCodex } from '../support/run-codex.js';
import { trailingToolOutputs, unwrapShellOutput } from '../support/scripts.js';

const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello from apply_patch\n*** End Patch\n';

const script: MockScript = (req) => {
  const messages = (req.body as { messages: Array<{ role: string }> }).messages;
  const rounds = messages.filter((m) => m.role === 'tool').length;
  if (rounds === 0) return { text: 'Creating the file.', toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }] };
  if (rounds === 1) return { text: 'Reading it back.', toolCalls: [{ name: 'exec_command', arguments: { cmd: 'cat hello.txt' } }] };
  return { text: `FINAL: ${unwrapShellOutput(trailingToolOutputs(req).at(-1) ?? 'none')}` };
};

test('Codex applies a freeform apply_patch call that came from a chat upstream', { timeout: 120_000 }, async () => {
  const upstream = await startMockUpstream({ dialect: 'ollama', script });
  try {
    let result: Awaited<ReturnType<typeof runCodex>> | undefined;
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
      // gpt-5.5's bundled metadata makes Codex declare apply_patch as a freeform (custom) tool.
      result = await runCodex({ baseUrl: url, model: 'gpt-5.5', prompt: 'Create hello.txt', timeoutMs: 90_000 });
    });
    assert.equal(result!.code, 0, `codex failed:\n${result!.stderr}\n${result!.stdout}`);
    assert.match(result!.stdout, /FINAL: hello from apply_patch/);
    const first = upstream.turnRequests[0].body as { tools: Array<{ function: { name: string; parameters: { required?: string[] } } }> };
    const applyPatch = first.tools.find((t) => t.function.name === 'apply_patch');
    assert.deepEqual(applyPatch?.function.parameters.required, ['input'], 'the freeform tool travels as a function taking {input}');
    // In history the call goes back to the model the same way it came.
    const second = upstream.turnRequests[1].body as { messages: Array<{ role: string; tool_calls?: Array<{ function: { name: string; arguments: Record<string, string> } }> }> };
    const call = second.messages.find((m) => m.tool_calls)!.tool_calls![0];
    assert.equal(call.function.name, 'apply_patch');
    assert.equal(call.function.arguments.input, PATCH);
  } finally {
    await upstream.close();
  }
});
