/**
 * @module bench/run
 * `npm run bench`: Lynkr, a bare Node forwarder and Portkey's open-source gateway against
 * the same local mock upstream, measured side by side in one run (issue 9, targets in
 * docs/performance.md). Every process listens on 127.0.0.1 only; every loop is bounded.
 * Prints one table per scenario and a table of targets, and writes
 * `bench/results/<timestamp>.json` (+ `latest.json`, `latest.md`).
 *
 * Options (docs/performance.md):
 *   --duration=10 (seconds per target, split into --rounds=3) --warmup=2 --connections=32
 *   --latency-requests=1000 --ttfb-requests=50 --long-events=20000 --streams=1000
 *   --only=chat,codex,latency,streaming,memory --no-portkey
 *   --cpu-prof (Lynkr writes a V8 CPU profile to bench/results/profiles/)
 *   --log-level=warn (Lynkr's LOG_LEVEL) --fixture=<captured .http request for scenario 2>
 *   --lynkr=dist (`npm run build` first, then dist/ as `npm start` runs it) | src (tsx, no build)
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CODEX_FIXTURE, readCapturedRequest } from './lib/codex-fixture.js';
import { formatTable, markdownTable, type Cell } from './lib/print-table.js';
import { buildActors, freePort, spawnActor, type RunningActor } from './lib/spawn-actor.js';
import { CHAT_PATH, chatBody, JSON_HEADERS, type Target, type TargetName } from './lib/targets.js';
import { measureAddedLatency, type LatencyRow } from './scenarios/added-latency.js';
import { measureMemory, type MemoryRow } from './scenarios/memory.js';
import { measureEventRate, measureFirstByte, type EventRateRow, type FirstByteRow } from './scenarios/streaming.js';
import { measureThroughput, type ThroughputRow } from './scenarios/throughput.js';

const SCENARIOS = ['chat', 'codex', 'latency', 'streaming', 'memory'] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    'latency-requests': { type: 'string', default: '1000' },
    'ttfb-requests': { type: 'string', default: '50' },
    'long-events': { type: 'string', default: '20000' },
    streams: { type: 'string', default: '1000' },
    only: { type: 'string', default: SCENARIOS.join(',') },
    'no-portkey': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'warn' },
    lynkr: { type: 'string', default: 'dist' },
    fixture: { type: 'string' },
  },
});
const num = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};
const only = new Set(String(args.only).split(',').map((s) => s.trim()) as Scenario[]);
for (const s of only) if (!SCENARIOS.includes(s)) throw new Error(`--only: unknown scenario "${s}" (known: ${SCENARIOS.join(', ')})`);
if (args.lynkr !== 'dist' && args.lynkr !== 'src') throw new Error('--lynkr must be dist or src');

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const LOGS = `${RESULTS}logs`;
const PROFILES = `${RESULTS}profiles`;
const withPortkey = !args['no-portkey'];
const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };

// The load average before and after: other work on the machine moves requests per second (not CPU ms per request).
const report: Record<string, unknown> = { date: new Date().toISOString(), machine, loadAverageAtStart: loadavg(), options: args };
const markdown: string[] = [];
const started: RunningActor[] = [];

function table(title: string, header: string[], rows: Cell[][]): void {
  console.log(formatTable(title, header, rows));
  markdown.push(`### ${title}\n\n${markdownTable(header, rows)}\n`);
}

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b !== 0 ? a / b : undefined);
const byName = <T extends { target: TargetName }>(rows: T[], name: TargetName) => rows.find((r) => r.target === name);

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const lynkrEntry = () => (args.lynkr === 'src' ? `${ROOT}src/server/start-server.ts` : `${ROOT}dist/server/start-server.js`);
const lynkrArgs = (upstreamUrl: string) => [`--upstream=${upstreamUrl}`, `--log-level=${args['log-level']}`, `--data-dir=${RESULTS}data`, `--entry=${lynkrEntry()}`];

/** `npm run build` (tsc → dist/), bounded; type errors elsewhere in the tree do not stop tsc from emitting. */
function buildLynkr(): void {
  if (args.lynkr !== 'dist') return;
  const t = Date.now();
  const res = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (res.error) throw res.error;
  if (res.status !== 0) console.warn(`npm run build exited with ${res.status}; running what it emitted:\n${(res.stdout + res.stderr).split('\n').slice(0, 5).join('\n')}`);
  console.log(`Built dist/ in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

async function startProxies(upstreamUrl: string, tag = ''): Promise<Partial<Record<Exclude<TargetName, 'direct'>, RunningActor>>> {
  const lynkrFlags = args['cpu-prof'] && tag === '' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : [];
  const [forwarder, floor, lynkr, portkey] = await Promise.all([
    spawnActor({ name: `forwarder${tag}`, script: 'forwarder', args: [`--upstream=${upstreamUrl}`], logDir: LOGS }),
    spawnActor({ name: `stack-floor${tag}`, script: 'stack-floor', args: [`--upstream=${upstreamUrl}`], logDir: LOGS }),
    spawnActor({
      name: `lynkr${tag}`,
      script: 'lynkr',
      tsx: args.lynkr === 'src',
      args: lynkrArgs(upstreamUrl),
      nodeFlags: lynkrFlags,
      logDir: LOGS,
    }),
    withPortkey ? freePort().then((port) => spawnActor({ name: `portkey${tag}`, script: 'portkey', args: [`--port=${port}`, '--headless'], logDir: LOGS })) : undefined,
  ]);
  started.push(forwarder, floor, lynkr, ...(portkey ? [portkey] : []));
  return { forwarder, floor, lynkr, portkey };
}

async function main(): Promise<void> {
  console.log(`Lynkr bench — ${machine.nproc} × ${machine.cpu}, Node ${machine.node}, ${machine.platform}, load average ${loadavg()[0].toFixed(1)}`);
  buildLynkr();
  buildActors();
  const upstream = await spawnActor({ name: 'mock-upstream', script: 'mock-upstream', logDir: LOGS });
  started.push(upstream);
  const proxies = await startProxies(upstream.url);
  const portkeyHeaders = { 'x-portkey-provider': 'ollama', 'x-portkey-custom-host': upstream.url };
  const targets: Target[] = [
    { name: 'direct', url: upstream.url, headers: {} },
    { name: 'forwarder', url: proxies.forwarder!.url, headers: {} },
    { name: 'floor', url: proxies.floor!.url, headers: {} },
    { name: 'lynkr', url: proxies.lynkr!.url, headers: {} },
    ...(proxies.portkey ? [{ name: 'portkey' as const, url: proxies.portkey.url, headers: portkeyHeaders }] : []),
  ];
  const duration = num('duration');
  const rounds = num('rounds');
  const processes = { direct: upstream, ...proxies };
  const warmup = Number(args.warmup);
  const connections = num('connections');

  const throughputTable = (title: string, rows: ThroughputRow[]) =>
    table(
      title,
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'requests', 'errors', 'non-2xx', 'upstream conns', 'vs forwarder', 'lynkr is ×'],
      rows.map((r) => [
        r.target,
        r.requestsPerSecond,
        r.latencyP50Ms,
        r.latencyP99Ms,
        r.cpuMsPerRequest,
        r.requests,
        r.errors,
        r.non2xx,
        r.target === 'direct' ? undefined : r.upstreamConnections,
        ratio(r.requestsPerSecond, byName(rows, 'forwarder')?.requestsPerSecond),
        r.target === 'lynkr' ? undefined : ratio(byName(rows, 'lynkr')?.requestsPerSecond, r.requestsPerSecond),
      ]),
    );

  if (only.has('chat')) {
    const rows = await measureThroughput({ targets, upstreamUrl: upstream.url, processes, rounds, path: CHAT_PATH, headers: JSON_HEADERS, body: chatBody(), connections, durationSeconds: duration, warmupSeconds: warmup });
    report.chatThroughput = rows;
    throughputTable(`1. Throughput: Chat Completions → Ollama, non-streaming (${connections} connections, ${duration} s)`, rows);
  }

  if (only.has('codex')) {
    const codex = readCapturedRequest(args.fixture ?? DEFAULT_CODEX_FIXTURE);
    // Portkey's gateway has no Responses → Ollama translation ("createModelResponse is not
    // supported by ollama"), so it sits this one out.
    const rows = await measureThroughput({
      targets: targets.filter((t) => t.name !== 'portkey'),
      upstreamUrl: upstream.url,
      processes,
      rounds,
      path: codex.path,
      headers: codex.headers,
      body: codex.body,
      connections,
      durationSeconds: duration,
      warmupSeconds: warmup,
    });
    report.codexThroughput = { bodyBytes: codex.body.length, rows };
    throughputTable(`2. Throughput: captured Codex turn (${(codex.body.length / 1024).toFixed(1)} KB, streamed) → Ollama, vs forwarded as is`, rows);
  }

  if (only.has('latency')) {
    const rows = await measureAddedLatency({ targets, path: CHAT_PATH, headers: JSON_HEADERS, body: chatBody(), requests: num('latency-requests'), warmup: 100 });
    report.addedLatency = rows;
    latencyTable(rows);
  }

  if (only.has('streaming')) {
    const streamTargets = targets.filter((t) => t.name !== 'floor');
    const first = await measureFirstByte({ targets: streamTargets, requests: num('ttfb-requests'), warmup: 5 });
    const rate = await measureEventRate({ targets: streamTargets, events: num('long-events'), runs: 3 });
    report.firstByte = first;
    report.eventRate = rate;
    streamingTables(first, rate);
  }

  for (const a of started.splice(1)) await a.stop();

  if (only.has('memory')) {
    const rows: MemoryRow[] = [];
    for (const name of ['lynkr', 'forwarder', 'portkey'] as const) {
      if (name === 'portkey' && !withPortkey) continue;
      const fresh = await startOne(name, upstream.url);
      try {
        const target: Target = { name, url: fresh.url, headers: name === 'portkey' ? portkeyHeaders : {} };
        rows.push(await measureMemory({ target, actor: fresh, upstreamUrl: upstream.url, streams: num('streams'), batch: 100, settleMs: 5_000 }));
      } finally {
        await fresh.stop();
      }
    }
    report.memory = rows;
    table(
      `5. Memory: RSS with ${num('streams')} concurrent open streams (fresh process each)`,
      ['target', 'idle MB', 'open MB', 'after MB', 'after / idle', 'heap used after GC MB', 'RSS after GC MB', 'open s'],
      rows.map((r) => [r.target, r.idleMb, r.peakMb, r.afterMb, r.afterRatio, r.heapUsedAfterGcMb, r.rssAfterGcMb, r.openSeconds]),
    );
  }

  targetsTable();
}

/** Fresh processes for the memory test. --expose-gc only lets the bench ask for a full GC after the RSS was read. */
async function startOne(name: 'lynkr' | 'forwarder' | 'portkey', upstreamUrl: string): Promise<RunningActor> {
  switch (name) {
    case 'forwarder':
      return spawnActor({ name: 'forwarder-memory', script: 'forwarder', args: [`--upstream=${upstreamUrl}`], nodeFlags: ['--expose-gc'], logDir: LOGS });
    case 'lynkr':
      return spawnActor({ name: 'lynkr-memory', script: 'lynkr', tsx: args.lynkr === 'src', args: lynkrArgs(upstreamUrl), nodeFlags: ['--expose-gc'], logDir: LOGS });
    case 'portkey':
      return spawnActor({ name: 'portkey-memory', script: 'portkey', args: [`--port=${await freePort()}`, '--headless'], nodeFlags: ['--expose-gc'], logDir: LOGS });
  }
}

function latencyTable(rows: LatencyRow[]): void {
  table(
    '3. Added latency: sequential Chat → Ollama, non-streaming (median minus direct)',
    ['target', 'median ms', 'p90 ms', 'p99 ms', 'added ms', 'added vs forwarder'],
    rows.map((r) => [r.target, r.medianMs, r.p90Ms, r.p99Ms, r.target === 'direct' ? undefined : r.addedMs, r.target === 'direct' ? undefined : ratio(r.addedMs, byName(rows, 'forwarder')?.addedMs)]),
  );
}

function streamingTables(first: FirstByteRow[], rate: EventRateRow[]): void {
  table(
    '4a. Streaming: time to first byte, Chat stream (upstream sends delta 1 at once, the rest 20 ms later)',
    ['target', 'median ms', 'added ms'],
    first.map((r) => [r.target, r.medianMs, r.target === 'direct' ? undefined : r.addedMs]),
  );
  table(
    `4b. Streaming: events per second through one long Chat stream (${rate[0]?.events ?? 0} deltas, median of 3)`,
    ['target', 'seconds', 'events/s', 'frames received', 'vs forwarder'],
    rate.map((r) => [r.target, r.medianSeconds, r.eventsPerSecond, r.framesReceived, ratio(r.eventsPerSecond, byName(rate, 'forwarder')?.eventsPerSecond)]),
  );
}

interface Check {
  what: string;
  value: number | undefined;
  limit: string;
  pass: boolean | undefined;
}

function targetsTable(): void {
  const checks: Check[] = [];
  const check = (what: string, value: number | undefined, op: '>=' | '<=' | '<', limit: number, unit = '') => {
    const pass = value === undefined || !Number.isFinite(value) ? undefined : op === '>=' ? value >= limit : op === '<=' ? value <= limit : value < limit;
    checks.push({ what, value, limit: `${op} ${limit}${unit}`, pass });
  };
  const chat = report.chatThroughput as ThroughputRow[] | undefined;
  if (chat) {
    check('Chat→Ollama req/s, Lynkr ÷ forwarder', ratio(byName(chat, 'lynkr')?.requestsPerSecond, byName(chat, 'forwarder')?.requestsPerSecond), '>=', 0.8);
    check('Chat→Ollama req/s, Lynkr ÷ Portkey', ratio(byName(chat, 'lynkr')?.requestsPerSecond, byName(chat, 'portkey')?.requestsPerSecond), '>=', 5);
  }
  const codex = (report.codexThroughput as { rows: ThroughputRow[] } | undefined)?.rows;
  if (codex) check('Codex turn req/s, Lynkr ÷ forwarder', ratio(byName(codex, 'lynkr')?.requestsPerSecond, byName(codex, 'forwarder')?.requestsPerSecond), '>=', 0.7);
  const latency = report.addedLatency as LatencyRow[] | undefined;
  if (latency) {
    check('added latency, Lynkr ÷ forwarder', ratio(byName(latency, 'lynkr')?.addedMs, byName(latency, 'forwarder')?.addedMs), '<=', 1.2);
    check('added latency, Lynkr ÷ Portkey', ratio(byName(latency, 'lynkr')?.addedMs, byName(latency, 'portkey')?.addedMs), '<=', 0.25);
  }
  const memory = report.memory as MemoryRow[] | undefined;
  const lynkrMemory = memory && byName(memory, 'lynkr');
  if (lynkrMemory) {
    check(`Lynkr RSS with ${lynkrMemory.streams} open streams`, lynkrMemory.peakMb, '<', 300, ' MB');
    check('Lynkr RSS after ÷ idle', lynkrMemory.afterRatio, '<', 1.2);
  }
  report.targets = checks;
  table(
    'Targets',
    ['target', 'measured', 'required', 'met'],
    checks.map((c) => [c.what, c.value, c.limit, c.pass === undefined ? 'n/a' : c.pass ? 'yes' : 'NO']),
  );
}

function writeResults(): void {
  report.loadAverageAtEnd = loadavg();
  mkdirSync(RESULTS, { recursive: true });
  const stamp = String(report.date).replace(/[:.]/g, '-');
  const json = JSON.stringify(report, null, 2);
  writeFileSync(`${RESULTS}${stamp}.json`, json);
  writeFileSync(`${RESULTS}latest.json`, json);
  writeFileSync(
    `${RESULTS}latest.md`,
    `Machine: ${machine.nproc} × ${machine.cpu}, Node ${machine.node}, ${machine.platform}; ${report.date}; load average ${loadavg()[0].toFixed(1)}\n\n${markdown.join('\n')}`,
  );
  console.log(`\nResults: ${RESULTS}${stamp}.json (also latest.json, latest.md)`);
}

const t0 = Date.now();
main()
  .then(writeResults)
  .catch((err: unknown) => {
    console.error(`bench failed: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const a of started.reverse()) await a.stop().catch(() => {});
    console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  });
