/**
 * @module bench/lib/spawn-actor
 * Starts one bench actor in its own Node process, so that the proxy under test never
 * shares an event loop with the load generator, and waits for its `{ ready: port }`
 * message. Actors run compiled (`bench/tsconfig.actors.json` → bench/results/actors/) on
 * plain Node: tsx's loader thread would add memory and work to every process measured.
 * Output goes to `bench/results/logs/<name>.log`. RSS and CPU time are read from /proc,
 * which works for any child, ours or a peer's.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface RunningActor {
  name: string;
  url: string;
  pid: number;
  /** Resident set size in bytes (VmRSS), or undefined once the process is gone. */
  rss(): number | undefined;
  /** CPU time used so far (user + system), in seconds, from /proc/<pid>/stat. */
  cpuSeconds(): number | undefined;
  /** The child's own process.memoryUsage(), after a full GC when it runs with --expose-gc. */
  memoryUsage(): Promise<NodeJS.MemoryUsage | undefined>;
  stop(): Promise<void>;
}

export interface SpawnActorOptions {
  name: string;
  /** Actor name under bench/actors/, e.g. `mock-upstream` (run from its compiled .js). */
  script: string;
  /** Run under tsx (only for Lynkr from its TypeScript sources). */
  tsx?: boolean;
  args?: string[];
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  logDir: string;
  /** How long to wait for `{ ready }` (default 30 s). */
  readyTimeoutMs?: number;
}

const ACTORS_SOURCE = fileURLToPath(new URL('../', import.meta.url));
const ACTORS = new URL('../results/actors/', import.meta.url);

/** Compiles bench/actors/*.ts to bench/results/actors/ (a second or two); throws on type errors. */
export function buildActors(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const res = spawnSync(process.execPath, [tsc, '-p', `${ACTORS_SOURCE}tsconfig.actors.json`], { encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`compiling bench/actors failed:\n${res.stdout}${res.stderr}`);
}

export async function spawnActor({ name, script, tsx = false, args = [], nodeFlags = [], logDir, readyTimeoutMs = 30_000 }: SpawnActorOptions): Promise<RunningActor> {
  mkdirSync(logDir, { recursive: true });
  const log = openSync(`${logDir}/${name}.log`, 'w');
  const loader = tsx ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeFlags, ...loader, fileURLToPath(new URL(`${script}.js`, ACTORS)), ...args], {
    stdio: ['ignore', log, log, 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  closeSync(log); // the child has its own copy
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await waitReady(child, name, readyTimeoutMs);
  // The IPC channel must not keep the driver alive.
  child.channel?.unref();
  const memoryUsage = () =>
    new Promise<NodeJS.MemoryUsage | undefined>((resolve) => {
      const timer = setTimeout(() => done(undefined), 5_000);
      const onMessage = (msg: { memoryUsage?: NodeJS.MemoryUsage }) => msg?.memoryUsage && done(msg.memoryUsage);
      const done = (usage: NodeJS.MemoryUsage | undefined) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(usage);
      };
      child.on('message', onMessage);
      if (!child.connected || !child.send({ memory: true })) done(undefined);
    });
  const pid = child.pid ?? 0;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid,
    rss: () => readRss(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    memoryUsage,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitReady(child: ChildProcess, name: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not report ready within ${timeoutMs} ms (see its log)`));
    }, timeoutMs);
    child.once('message', (msg: { ready?: number }) => {
      clearTimeout(timer);
      if (typeof msg?.ready === 'number') resolve(msg.ready);
      else reject(new Error(`${name} sent an unexpected first message`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready (see its log)`));
    });
  });
}

export function readRss(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ); 100 on every Linux the bench targets. */
const USER_HZ = 100;

export function readCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return undefined;
  }
}

/** A free loopback port, for servers (Portkey) that must be told their port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
