/**
 * @module test/support/lynkr
 * Runs an in-process Lynkr server for the duration of a test body.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/start-server.js';

/**
 * Starts Lynkr on 127.0.0.1 (free port) with `env` as its whole configuration, runs `fn` with its
 * base URL (e.g. `http://127.0.0.1:53211`) and always closes the server, even when `fn` throws.
 *
 * @example
 * await withLynkr({ MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: upstream.url }, async (url) => {
 *   const result = await runCodex({ baseUrl: url, prompt: 'hi' });
 * });
 */
export async function withLynkr(env: Record<string, string>, fn: (url: string) => Promise<void>): Promise<void> {
  // Each server gets its own data directory (usage and cache databases) unless the test names one.
  const dataDir = env.LYNKR_DATA_DIR ? undefined : await mkdtemp(join(tmpdir(), 'lynkr-test-'));
  const server = await startServer({ env: { LOG_LEVEL: 'warn', ...(dataDir ? { LYNKR_DATA_DIR: dataDir } : {}), ...env }, port: 0, host: '127.0.0.1' });
  try {
    await fn(server.url);
  } finally {
    await server.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}
