/**
 * @module bench/scenarios/memory
 * Scenario 5: resident memory of a proxy process holding many open streams. Each proxy is
 * started fresh, warmed up with a few ordinary requests and left idle a moment (idle RSS);
 * then N streaming Chat requests are opened in batches, each answered with a first delta
 * that the upstream then holds (model `…hold…`); with all N open, the RSS is sampled
 * (peak); the upstream releases them all, every answer runs to its end, and after a
 * settle period the RSS is read again (after). RSS comes from /proc/<pid>/status. Then,
 * as a diagnostic only, the process is asked for a full GC and its heap in use: the gap
 * between that and the RSS is memory V8 and malloc keep, not memory Lynkr holds.
 */
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningActor } from '../lib/spawn-actor.js';
import { probe } from '../lib/http-probe.js';
import { CHAT_PATH, chatBody, JSON_HEADERS, SSE_HEADERS, upstreamStats, type Target } from '../lib/targets.js';

export interface MemoryRow {
  target: Target['name'];
  streams: number;
  idleMb: number;
  peakMb: number;
  afterMb: number;
  /** after / idle */
  afterRatio: number;
  /** RSS after that full GC: what collecting garbage would give back. */
  rssAfterGcMb?: number;
  /** Heap in use after a full GC once `after` was read (when the process has --expose-gc): what is really still held. */
  heapUsedAfterGcMb: number | undefined;
  openSeconds: number;
}

export interface MemoryOptions {
  target: Target;
  actor: RunningActor;
  upstreamUrl: string;
  streams: number;
  batch: number;
  settleMs: number;
}

const MB = 1024 * 1024;

export async function measureMemory({ target, actor, upstreamUrl, streams, batch, settleMs }: MemoryOptions): Promise<MemoryRow> {
  const warm = new Agent({ keepAlive: true, maxSockets: 8 });
  for (let i = 0; i < 100; i++) {
    const stream = i % 2 === 0;
    await probe({ url: target.url + CHAT_PATH, headers: { ...(stream ? SSE_HEADERS : JSON_HEADERS), ...target.headers }, body: chatBody({ stream }), agent: warm });
  }
  warm.destroy();
  await sleep(1_000);
  const idle = actor.rss() ?? NaN;

  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const body = chatBody({ model: 'ollama:bench-hold', stream: true });
  const ends: Promise<void>[] = [];
  const started = Date.now();
  try {
    for (let opened = 0; opened < streams; opened += batch) {
      const firsts: Promise<void>[] = [];
      for (let i = opened; i < Math.min(opened + batch, streams); i++) {
        const { first, end } = openStream(target.url + CHAT_PATH, { ...SSE_HEADERS, ...target.headers }, body, agent);
        firsts.push(first);
        ends.push(end);
      }
      await withTimeout(Promise.all(firsts), 30_000, `${target.name}: streams ${opened}–${opened + batch} got no first delta within 30 s`);
    }
    const openSeconds = (Date.now() - started) / 1000;
    const { held } = await upstreamStats(upstreamUrl);
    if (held < streams) throw new Error(`${target.name}: the upstream holds ${held} streams, expected ${streams}`);
    let peak = 0;
    for (let i = 0; i < 5; i++) {
      peak = Math.max(peak, actor.rss() ?? 0);
      await sleep(200);
    }
    await post(`${upstreamUrl}/__release`);
    await withTimeout(Promise.all(ends), 60_000, `${target.name}: released streams did not end within 60 s`);
    await sleep(settleMs);
    const after = actor.rss() ?? NaN;
    const usage = await actor.memoryUsage();
    return {
      target: target.name,
      streams,
      idleMb: idle / MB,
      peakMb: peak / MB,
      afterMb: after / MB,
      afterRatio: after / idle,
      heapUsedAfterGcMb: usage ? usage.heapUsed / MB : undefined,
      rssAfterGcMb: usage ? usage.rss / MB : undefined,
      openSeconds,
    };
  } finally {
    agent.destroy();
    await post(`${upstreamUrl}/__release`).catch(() => {});
  }
}

function openStream(url: string, headers: Record<string, string>, body: Buffer, agent: Agent): { first: Promise<void>; end: Promise<void> } {
  let gotFirst!: () => void;
  let failed!: (err: Error) => void;
  const first = new Promise<void>((resolve, reject) => {
    gotFirst = resolve;
    failed = reject;
  });
  const end = new Promise<void>((resolve, reject) => {
    const target = new URL(url);
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      if (res.statusCode !== 200) failed(new Error(`status ${res.statusCode}`));
      res.once('data', () => gotFirst());
      res.on('data', () => {});
      res.on('end', () => resolve());
      res.on('error', reject);
    });
    req.on('error', (err) => {
      failed(err);
      reject(err);
    });
    req.end(body);
  });
  end.catch(() => {});
  return { first, end };
}

async function post(url: string): Promise<void> {
  const res = await fetch(url, { method: 'POST' });
  await res.arrayBuffer();
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
