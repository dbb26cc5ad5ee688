/**
 * Issue 5, compaction with the real Codex CLI and a small-window Ollama model. With a
 * provider named "OpenAI", Codex uses remote compaction v2 (wire-contract §1.1.2): it sends
 * a turn ending with `compaction_trigger`, must get exactly one `compaction` item back, and
 * sends that item on later requests. A recording hop between Codex and Lynkr shows both
 * halves; the Ollama model only ever sees plain text (a summary request, then the summary).
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { withLynkr } from '../support/lynkr.js';
import { startMockUpstream, type MockScript } from '../support/mock-upstream/index.js';
import { runCodex } from '../support/run-codex.js';
import { declaredToolNames, shellToolScript } from '../support/scripts.js';

type Json = Record<string, any>;

/** Forwards every request to `target` unchanged, recording request bodies and response texts. */
async function recordingHop(target: string): Promise<{ url: string; calls: Array<{ path: string; body: Json; response: string }>; close(): Promise<void> }> {
  const calls: Array<{ path: string; body: Json; response: string }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const call = { path: req.url ?? '', body: raw.length ? (JSON.parse(raw.toString()) as Json) : {}, response: '' };
      calls.push(call);
      const upstream = httpRequest(target + (req.url ?? ''), { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.on('data', (c: Buffer) => {
          call.response += c.toString();
          res.write(c);
        });
        up.on('end', () => res.end());
      });
      upstream.on('error', () => res.destroy());
      upstream.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const SUMMARY = 'SUMMARY: ran the command, its output was long.';

test('Codex with a provider named "OpenAI": remote compaction v2 through Lynkr to Ollama', { timeout: 120_000 }, async () => {
  const tool = shellToolScript({ cli: 'codex', command: 'yes word | head -n 6000' });
  const script: MockScript = (req, turn) => {
    const body = JSON.stringify(req.body);
    if (body.includes('CONTEXT CHECKPOINT COMPACTION')) return { text: SUMMARY };
    if (body.includes(SUMMARY)) return { text: 'FINAL: done after remote compaction' };
    return tool(req, turn);
  };
  const upstream = await startMockUpstream({ dialect: 'ollama', contextLength: 9000, script });
  try {
    await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (lynkr) => {
      const hop = await recordingHop(lynkr);
      try {
        const result = await runCodex({
          baseUrl: hop.url,
          prompt: 'Run the command',
          provider: { name: 'OpenAI' },
          extraConfig: 'model_context_window = 9000\nmodel_auto_compact_token_limit = 8000',
          timeoutMs: 90_000,
        });
        assert.equal(result.code, 0, `codex failed:\nSTDERR:\n${result.stderr}\nSTDOUT:\n${result.stdout}`);
        assert.match(result.stdout, /FINAL: done after remote compaction/);

        const turns = hop.calls.filter((c) => c.path.startsWith('/v1/responses'));
        const trigger = turns.find((c) => c.body.input?.at(-1)?.type === 'compaction_trigger');
        assert.ok(trigger, 'Codex asked for a remote compaction');
        const items = trigger.response.split('\n\n').filter((f) => f.includes('"response.output_item.done"'));
        assert.equal(items.length, 1, 'exactly one output item');
        const item = JSON.parse(items[0].split('\n').find((l) => l.startsWith('data: '))!.slice(6)).item as Json;
        assert.equal(item.type, 'compaction');
        assert.match(item.encrypted_content, /^lynkr-compaction:/);
        const later = turns.slice(turns.indexOf(trigger) + 1);
        assert.ok(
          later.some((c) => c.body.input.some((i: Json) => i.type === 'compaction' && i.encrypted_content === item.encrypted_content)),
          'Codex carries the item on later requests',
        );
      } finally {
        await hop.close();
      }
    });
    const summarise = upstream.turnRequests.find((r) => JSON.stringify(r.body).includes('CONTEXT CHECKPOINT COMPACTION'))!;
    assert.deepEqual(declaredToolNames(summarise), [], 'tools are stripped for the summary');
    const resumed = upstream.turnRequests.at(-1)!.body as Json;
    assert.ok(
      resumed.messages.some((m: Json) => m.role === 'user' && String(m.content).startsWith('Another language model') && String(m.content).includes(SUMMARY)),
      'the model reads the summary as a user message',
    );
  } finally {
    await upstream.close();
  }
});
