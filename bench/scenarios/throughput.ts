/**
 * @module bench/scenarios/throughput
 * Scenarios 1 and 2: requests per second under load (autocannon, 32 connections by
 * default), each target after a short warm-up, one after the other against the same
 * upstream.
 * 1. Chat Completions, non-streaming: Lynkr translates to Ollama's native `/api/chat`
 *    (streamed NDJSON, aggregated), Portkey to Ollama's `/v1/chat/completions`, the
 *    forwarder passes the request to the upstream's Chat endpoint.
 *
 * Next to requests per second, each row carries the CPU time the target's own process
 * spent per request (from /proc): a figure that other load on the machine barely moves,
 * where requests per second does. The runs are split into rounds, targets interleaved
 * round by round, and the median round counts, so a burst of foreign load lands on one
 * round of one target rather than on a whole target.
 * 2. The captured Codex turn (38 KB Responses request, streamed): Lynkr translates it to
 *    `/api/chat` and the reply back to Responses SSE; the forwarder passes the same bytes
 *    to the upstream's `/v1/responses`.
 */
import autocannon from 'autocannon';
import type { RunningActor } from '../lib/spawn-actor.js';
import { assertAnswers, upstreamStats, type Target } from '../lib/targets.js';

export interface ThroughputRow {
  target: Target['name'];
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** CPU milliseconds the target's process spent per request (user + system). */
  cpuMsPerRequest: number | undefined;
  /** Connections the upstream accepted during the measured rounds: a proxy that keeps its pool alive opens about as many as it has concurrent requests, once. */
  upstreamConnections: number;
}

export interface ThroughputOptions {
  targets: Target[];
  upstreamUrl: string;
  /** The process behind each target, for its CPU time. */
  processes: Partial<Record<Target['name'], RunningActor>>;
  rounds: number;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputRow[]> {
  const run = (target: Target, duration: number) =>
    autocannon({
      url: target.url + options.path,
      method: 'POST',
      connections: options.connections,
      duration,
      headers: { ...options.headers, ...target.headers },
      body: options.body,
      timeout: 30,
    });
  for (const target of options.targets) {
    await assertAnswers(target, options.path, options.headers, options.body);
    if (options.warmupSeconds > 0) await run(target, options.warmupSeconds);
  }
  const rounds = options.targets.map(() => [] as Array<{ rps: number; p50: number; p99: number; requests: number; errors: number; non2xx: number; cpu?: number; connections: number }>);
  const roundSeconds = Math.max(1, Math.round(options.durationSeconds / options.rounds));
  for (let r = 0; r < options.rounds; r++) {
    for (const [t, target] of options.targets.entries()) {
      const proc = options.processes[target.name];
      const cpuBefore = proc?.cpuSeconds();
      const connectionsBefore = (await upstreamStats(options.upstreamUrl)).connections;
      const result = await run(target, roundSeconds);
      const cpuAfter = proc?.cpuSeconds();
      const connections = (await upstreamStats(options.upstreamUrl)).connections - connectionsBefore;
      rounds[t].push({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        requests: result.requests.total,
        errors: result.errors,
        non2xx: result.non2xx,
        cpu: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
        connections,
      });
    }
  }
  return options.targets.map((target, t) => {
    const rs = rounds[t];
    const mid = [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)];
    const requests = rs.reduce((n, x) => n + x.requests, 0);
    const cpu = rs.every((x) => x.cpu !== undefined) ? rs.reduce((n, x) => n + (x.cpu ?? 0), 0) : undefined;
    return {
      target: target.name,
      requestsPerSecond: mid.rps,
      latencyP50Ms: mid.p50,
      latencyP99Ms: mid.p99,
      requests,
      errors: rs.reduce((n, x) => n + x.errors, 0),
      non2xx: rs.reduce((n, x) => n + x.non2xx, 0),
      cpuMsPerRequest: cpu !== undefined && requests > 0 ? (1000 * cpu) / requests : undefined,
      upstreamConnections: rs.reduce((n, x) => n + x.connections, 0),
    };
  });
}
