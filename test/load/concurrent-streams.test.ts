/**
 * Bounded load on loopback (issue 6): 200 concurrent streams across the three client dialects,
 * about a third of the clients disconnecting at a random moment (before the first byte or
 * mid-stream). Afterwards every upstream call must be closed (nothing streams into the void),
 * every surviving stream must be complete, and open sockets and heap memory must return to
 * their baseline. Numbers are reported with `t.diagnostic`. LOAD_STREAMS and LOAD_SEED
 * change the size and the random draw.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { Agent, request } from 'undici';
import { startServer } from '../../src/server/start-server.js';
import { startMockUpstream } from '../support/mock-upstream/index.js';
import { DIALECTS, NO_CACHE, readSse } from '../integration/reliability/support.js';

const STREAMS = Number(process.env.LOAD_STREAMS ?? 200);
const DISCONNECT_SHARE = 1 / 3;
const ANSWER = 'The quick brown fox jumps over the lazy dog, again and again, until the stream ends.';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Small seeded PRNG (mulberry32), so a run can be repeated with LOAD_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Server-side connections on `port` the kernel holds for a process: every state but LISTEN and
 * TIME_WAIT (which no process holds), or only ESTABLISHED ones; -1 without /proc.
 */
function openConnections(port: number, establishedOnly = false): number {
  let count = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return -1;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4) continue;
      const localPort = parseInt(cols[1].split(':')[1], 16);
      const state = cols[3];
      if (localPort === port && (establishedOnly ? state === '01' : state !== '0A' && state !== '06')) count++;
    }
  }
  return count;
}

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

function heapAfterGc(): { heapMb: number; rssMb: number } {
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / 1048576, rssMb: m.rss / 1048576 };
}

async function settle<T>(read: () => T, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = read();
  }
  return value;
}

interface Outcome {
  dialect: string;
  disconnected: boolean;
  completed: boolean;
  status?: number;
  error?: string;
}

async function oneStream({ url, agent, index, random }: { url: string; agent: Agent; index: number; random: () => number }): Promise<Outcome> {
  const d = DIALECTS[index % DIALECTS.length];
  const disconnect = random() < DISCONNECT_SHARE;
  const controller = new AbortController();
  const timer = disconnect ? setTimeout(() => controller.abort(), Math.floor(random() * 700)) : undefined;
  try {
    const res = await request(url + d.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(d.body(true)),
      dispatcher: agent,
      signal: controller.signal,
    });
    const text = await res.body.text();
    return { dialect: d.name, disconnected: false, completed: res.statusCode === 200 && d.completed(readSse(text)), status: res.statusCode };
  } catch (err) {
    if (controller.signal.aborted) return { dialect: d.name, disconnected: true, completed: false };
    return { dialect: d.name, disconnected: false, completed: false, error: String(err) };
  } finally {
    clearTimeout(timer);
  }
}

test(`${STREAMS} concurrent streams with random disconnects: sockets and memory return to baseline`, { timeout: 60_000 }, async (t) => {
  const upstream = await startMockUpstream({ dialect: 'ollama', keepAliveTimeoutMs: 300, script: () => ({ text: ANSWER, delayMs: 150, firstByteDelayMs: 50 }) });
  const server = await startServer({ env: { ...NO_CACHE, OLLAMA_ENDPOINT: upstream.url, UPSTREAM_MAX_RETRIES: '0' }, port: 0, logger: pino({ level: 'silent' }) });
  const seed = Number(process.env.LOAD_SEED ?? 20_260_101);
  const random = prng(seed);
  try {
    // Warm up (JIT, pools, lazy modules), then take the baseline with no client connected.
    const warm = new Agent({ connections: 20 });
    const warmed = await Promise.all(Array.from({ length: 30 }, (_, i) => oneStream({ url: server.url, agent: warm, index: i, random: () => 1 })));
    assert.ok(warmed.every((o) => o.completed), 'warm-up streams complete');
    await warm.close();
    /** Lynkr's client connections, and upstream connections that carried a request. */
    const sockets = () => ({ lynkr: openConnections(server.port), upstream: upstream.openSockets({ withTraffic: true }) });
    const idle = (v: { lynkr: number; upstream: number }) => v.lynkr <= 0 && v.upstream === 0;
    await settle(sockets, idle, 5_000);
    upstream.requests.length = 0;
    upstream.turnRequests.length = 0;
    const baseline = { ...heapAfterGc(), handles: tcpHandles(), ...sockets(), pooled: upstream.openSockets() };

    const started = Date.now();
    const agent = new Agent({ connections: STREAMS + 10 });
    const peak = { lynkr: 0, upstream: 0, handles: 0 };
    const sampler = setInterval(() => {
      peak.lynkr = Math.max(peak.lynkr, openConnections(server.port, true));
      peak.upstream = Math.max(peak.upstream, upstream.openSockets());
      peak.handles = Math.max(peak.handles, tcpHandles());
    }, 25);
    const outcomes = await Promise.all(Array.from({ length: STREAMS }, (_, index) => oneStream({ url: server.url, agent, index, random })));
    clearInterval(sampler);
    const loadMs = Date.now() - started;
    await agent.close();

    // Every upstream call ends: completed, or cut because its client left.
    const upstreamOpen = () => upstream.turnRequests.filter((r) => r.closedAt === undefined).length;
    assert.equal(await settle(upstreamOpen, (n) => n === 0, 5_000), 0, 'upstream calls still streaming into the void');
    const after = await settle(sockets, idle, 10_000);
    // Connections Lynkr's pool opened for calls whose client left before they were sent: kept for
    // reuse (undici closes them after its 30 s keep-alive); each is one ref'd handle on the mock's side.
    const pooled = upstream.openSockets() - after.upstream;
    const handles = await settle(tcpHandles, (n) => n <= baseline.handles + pooled, 5_000);
    const memory = heapAfterGc();

    const disconnected = outcomes.filter((o) => o.disconnected).length;
    const failures = outcomes.filter((o) => !o.disconnected && !o.completed);
    const cutUpstream = upstream.turnRequests.filter((r) => r.finished === false).length;
    t.diagnostic(
      `${STREAMS} streams (seed ${seed}) in ${loadMs} ms: ${STREAMS - disconnected} complete, ${disconnected} client disconnects, ` +
        `${upstream.turnRequests.length} upstream calls (${cutUpstream} cut short by a disconnect)`,
    );
    t.diagnostic(`peak: ${peak.lynkr} client connections to Lynkr, ${peak.upstream} upstream sockets, ${peak.handles} TCP handles in the process`);
    t.diagnostic(
      `after: ${after.lynkr} client connections, ${after.upstream} upstream sockets that carried a request, ${pooled} unused pooled ` +
        `upstream connections (baseline ${baseline.pooled}), ${handles} TCP handles (baseline ${baseline.handles}); ` +
        `heap after GC ${baseline.heapMb.toFixed(1)} → ${memory.heapMb.toFixed(1)} MB, RSS ${baseline.rssMb.toFixed(1)} → ${memory.rssMb.toFixed(1)} MB`,
    );

    assert.deepEqual(failures, [], 'every stream that was not disconnected completed');
    assert.ok(disconnected >= STREAMS * 0.2 && disconnected <= STREAMS * 0.45, `random disconnects happened (${disconnected})`);
    assert.ok(peak.lynkr >= STREAMS * 0.75, `the load was concurrent (${peak.lynkr} client connections at the peak)`);
    assert.ok(cutUpstream > 0 && cutUpstream <= disconnected, `disconnects cut their upstream calls (${cutUpstream})`);
    assert.ok(idle(after), `sockets back to baseline: ${JSON.stringify(after)}`);
    assert.ok(pooled <= disconnected, `unused pooled connections stay bounded (${pooled})`);
    assert.ok(handles <= baseline.handles + pooled, `TCP handles back to baseline (${handles} > ${baseline.handles} + ${pooled})`);
    assert.ok(memory.heapMb - baseline.heapMb < 8, `heap back near baseline: ${baseline.heapMb.toFixed(1)} → ${memory.heapMb.toFixed(1)} MB`);
    assert.ok(loadMs < 30_000, `bounded (${loadMs} ms)`);
  } finally {
    await server.close();
    await upstream.close();
  }
});
