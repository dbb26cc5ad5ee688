/**
 * @module test/support/run-cli
 * Runs a CLI under test as a child process with a hermetic environment, no stdin, a hard timeout
 * (the whole process group is killed) and temporary directories that are always removed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliResult {
  /** Exit code; null when killed by a signal (e.g. on timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

/** Parent variables that would leak credentials, endpoints or nested-agent state into the CLI under test. */
const STRIPPED_ENV = /^(OPENAI_|ANTHROPIC_|CODEX_|CLAUDE_|CLAUDECODE$|OLLAMA_|(HTTPS?|ALL|NO)_PROXY$)/i;

/** `process.env` without the stripped variables, overlaid with `env`. */
export function hermeticEnv(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !STRIPPED_ENV.test(name)) out[name] = value;
  }
  // Loopback must never go through a proxy.
  out.NO_PROXY = '127.0.0.1,localhost';
  out.no_proxy = '127.0.0.1,localhost';
  return { ...out, ...env };
}

/** Creates a temp dir, runs `fn` with it and removes it afterwards. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export interface RunCliOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}

/** Spawns `command` in its own process group; kills the group on timeout and after exit (stray children). */
export function runCli({ command, args, cwd, env, timeoutMs }: RunCliOptions): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    // Kill leftovers as soon as the CLI exits, so a background grandchild cannot hold the pipes open.
    child.on('exit', killGroup);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup();
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        durationMs: Date.now() - started,
      });
    });
  });
}
