/**
 * @module bench/lib/targets
 * What the scenarios send and where: the targets (the upstream itself, the bare forwarder,
 * the stack floor (fastify + undici, no Lynkr logic; Chat scenarios only), Lynkr, Portkey's
 * gateway), the headers each needs to reach the bench
 * upstream, and the request bodies every scenario shares.
 */
import { Agent } from 'node:http';
import { MARKER } from '../actors/mock-replies.js';
import { probe } from './http-probe.js';

export type TargetName = 'direct' | 'forwarder' | 'floor' | 'lynkr' | 'portkey';

export interface Target {
  name: TargetName;
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Headers this target needs on every request (Portkey's routing headers). */
  headers: Record<string, string>;
}

export const CHAT_PATH = '/v1/chat/completions';

/** A small Chat Completions request; `model` picks the mock's reply shape (see mock-upstream.ts). */
export function chatBody({ model = 'bench', stream = false }: { model?: string; stream?: boolean } = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      model,
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Say hello to the benchmark.' },
      ],
      stream,
    }),
  );
}

export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
export const SSE_HEADERS = { 'content-type': 'application/json', accept: 'text/event-stream' };

/**
 * One request that must come back 200 with the mock's marker delta in it, so that a target
 * that fails fast (an error page is quick) can never pass for a fast one.
 */
export async function assertAnswers(target: Target, path: string, headers: Record<string, string>, body: Buffer): Promise<void> {
  const agent = new Agent({ keepAlive: false });
  try {
    const res = await probe({ url: target.url + path, headers: { ...headers, ...target.headers }, body, agent, keepBody: true, timeoutMs: 15_000 });
    if (res.status !== 200 || !res.body?.includes(MARKER)) {
      throw new Error(`${target.name} ${path}: expected 200 with "${MARKER}", got ${res.status}: ${res.body?.slice(0, 300)}`);
    }
  } finally {
    agent.destroy();
  }
}

/** The bench upstream's counters (`GET /__stats`): open held streams, connections accepted so far. */
export async function upstreamStats(upstreamUrl: string): Promise<{ held: number; connections: number }> {
  const res = await fetch(`${upstreamUrl}/__stats`);
  return (await res.json()) as { held: number; connections: number };
}
