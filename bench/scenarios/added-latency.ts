/**
 * @module bench/scenarios/added-latency
 * Scenario 3: what a proxy adds to one request when nothing else is going on. Sequential
 * requests (one connection each, kept alive), the targets interleaved request by request
 * so that drift in the machine's speed falls on all of them alike; the median of each
 * minus the median of the same request sent straight to the upstream.
 */
import { Agent } from 'node:http';
import { median, percentile, probe } from '../lib/http-probe.js';
import { assertAnswers, type Target } from '../lib/targets.js';

export interface LatencyRow {
  target: Target['name'];
  medianMs: number;
  p90Ms: number;
  p99Ms: number;
  /** Median minus the direct median (0 for direct itself). */
  addedMs: number;
}

export interface LatencyOptions {
  targets: Target[];
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  requests: number;
  warmup: number;
}

export async function measureAddedLatency(options: LatencyOptions): Promise<LatencyRow[]> {
  const agents = options.targets.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const samples = options.targets.map(() => [] as number[]);
  try {
    for (const target of options.targets) await assertAnswers(target, options.path, options.headers, options.body);
    for (let i = 0; i < options.warmup + options.requests; i++) {
      for (let t = 0; t < options.targets.length; t++) {
        const target = options.targets[t];
        const res = await probe({ url: target.url + options.path, headers: { ...options.headers, ...target.headers }, body: options.body, agent: agents[t] });
        if (res.status !== 200) throw new Error(`${target.name}: status ${res.status} during the latency run`);
        if (i >= options.warmup) samples[t].push(res.totalMs);
      }
    }
  } finally {
    for (const a of agents) a.destroy();
  }
  const direct = median(samples[options.targets.findIndex((t) => t.name === 'direct')] ?? []);
  return options.targets.map((target, t) => ({
    target: target.name,
    medianMs: median(samples[t]),
    p90Ms: percentile(samples[t], 90),
    p99Ms: percentile(samples[t], 99),
    addedMs: median(samples[t]) - direct,
  }));
}
