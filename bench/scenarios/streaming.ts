/**
 * @module bench/scenarios/streaming
 * Scenario 4, two measures of a streamed Chat Completions answer:
 * - time to first byte: the upstream sends its first delta at once and the rest 20 ms
 *   later (model `…ttfb…`), so a proxy that buffered would show it; sequential requests,
 *   targets interleaved, median time to the first body byte minus the direct median;
 * - events per second through one long stream (model `…long-<N>…`, N deltas written as
 *   fast as the socket takes them): N divided by the time to the end of the answer, the
 *   median of a few runs per target. The client counts the SSE frames it gets, to prove
 *   every delta came through.
 */
import { Agent } from 'node:http';
import { median, probe } from '../lib/http-probe.js';
import { assertAnswers, CHAT_PATH, chatBody, SSE_HEADERS, type Target } from '../lib/targets.js';

export interface FirstByteRow {
  target: Target['name'];
  medianMs: number;
  addedMs: number;
}

export interface EventRateRow {
  target: Target['name'];
  events: number;
  medianSeconds: number;
  eventsPerSecond: number;
  /** SSE frames the client received in the last run (deltas plus opening/closing frames). */
  framesReceived: number;
}

export async function measureFirstByte({ targets, requests, warmup }: { targets: Target[]; requests: number; warmup: number }): Promise<FirstByteRow[]> {
  // `ollama:` makes Lynkr route to Ollama with the model name the mock keys on; the others pass it on as is.
  const body = chatBody({ model: 'ollama:bench-ttfb', stream: true });
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const samples = targets.map(() => [] as number[]);
  try {
    for (const target of targets) await assertAnswers(target, CHAT_PATH, SSE_HEADERS, body);
    for (let i = 0; i < warmup + requests; i++) {
      for (let t = 0; t < targets.length; t++) {
        const res = await probe({ url: targets[t].url + CHAT_PATH, headers: { ...SSE_HEADERS, ...targets[t].headers }, body, agent: agents[t] });
        if (res.status !== 200) throw new Error(`${targets[t].name}: status ${res.status} during the first-byte run`);
        if (i >= warmup) samples[t].push(res.firstByteMs);
      }
    }
  } finally {
    for (const a of agents) a.destroy();
  }
  const direct = median(samples[targets.findIndex((t) => t.name === 'direct')] ?? []);
  return targets.map((target, t) => ({ target: target.name, medianMs: median(samples[t]), addedMs: median(samples[t]) - direct }));
}

export async function measureEventRate({ targets, events, runs }: { targets: Target[]; events: number; runs: number }): Promise<EventRateRow[]> {
  const body = chatBody({ model: `ollama:bench-long-${events}`, stream: true });
  const rows: EventRateRow[] = [];
  for (const target of targets) {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const seconds: number[] = [];
    let framesReceived = 0;
    try {
      // One short run first: warm-up, and a check that the whole stream gets through.
      for (let r = 0; r <= runs; r++) {
        const res = await probe({ url: target.url + CHAT_PATH, headers: { ...SSE_HEADERS, ...target.headers }, body, agent, timeoutMs: 120_000 });
        if (res.status !== 200) throw new Error(`${target.name}: status ${res.status} during the long stream`);
        if (res.sseEvents < events) throw new Error(`${target.name}: the client received ${res.sseEvents} SSE frames for ${events} deltas`);
        framesReceived = res.sseEvents;
        if (r > 0) seconds.push(res.totalMs / 1000);
      }
    } finally {
      agent.destroy();
    }
    const s = median(seconds);
    rows.push({ target: target.name, events, medianSeconds: s, eventsPerSecond: events / s, framesReceived });
  }
  return rows;
}
