/**
 * @module test/integration/reliability/spawn-lynkr
 * Runs the real entry point (`node --import tsx src/main.ts`) as a child process, the way
 * `npm start` does, for what only a process can show: signal handling, the exit code, and
 * everything it writes to stdout/stderr (pino's JSON lines) at LOG_LEVEL=debug.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface LynkrProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The JSON log lines so far. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGKILL if still running and removes the working directory. */
  dispose(): Promise<void>;
}

/**
 * Starts Lynkr with exactly `env` (plus PATH) in an empty working directory (so no `.env` is
 * read) on a free port, and resolves once it logged "Lynkr listening".
 */
export async function spawnLynkr(env: Record<string, string>, startTimeoutMs = 20_000): Promise<LynkrProcess> {
  const cwd = await mkdtemp(join(tmpdir(), 'lynkr-proc-'));
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', PROMPT_CACHE_ENABLED: 'false', LYNKR_DATA_DIR: join(cwd, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const logs = () =>
    text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  const dispose = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await rm(cwd, { recursive: true, force: true });
  };
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    const listening = logs().find((l) => l.msg === 'Lynkr listening');
    if (listening) {
      const port = Number(listening.port);
      return { url: `http://127.0.0.1:${port}`, port, child, output: () => text, logs, exited, dispose };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      const code = child.exitCode;
      await dispose();
      throw Object.assign(new Error(`Lynkr did not start (exit code ${code}):\n${text}`), { exitCode: code, output: text });
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
