/**
 * @module bench/actors/lynkr
 * Lynkr as users run it, in its own process: `startServer` with MODEL_PROVIDER=ollama
 * pointed at the bench upstream, LOG_LEVEL=warn (override with `--log-level=info` to
 * include the access log), no `.env`, on 127.0.0.1, every other setting at its default
 * except the caches (PROMPT_CACHE_ENABLED=false, SEMANTIC_CACHE_ENABLED=false): the bench
 * repeats one request, and with the prompt cache on every repeat would be answered from it
 * without reaching the upstream, which measures the cache, not the proxy.
 * `--entry=<file>` is the module that exports `startServer`: the compiled
 * `dist/server/start-server.js` (what `npm start` runs), or the TypeScript source when the
 * bench runs with `--lynkr=src` (then under tsx).
 */
import { pathToFileURL } from 'node:url';
import { argValue, runActor } from './run-actor.js';

/** The part of `src/server/start-server.ts` the bench uses. */
interface StartServer {
  (options: { env: Record<string, string>; port: number; host: string; dotenv: boolean }): Promise<{ port: number; close(): Promise<void> }>;
}

void runActor('lynkr', async () => {
  const entry = argValue('entry');
  if (!entry) throw new Error('--entry=<path to start-server.js> is required');
  const { startServer } = (await import(pathToFileURL(entry).href)) as { startServer: StartServer };
  const server = await startServer({
    env: {
      MODEL_PROVIDER: 'ollama',
      OLLAMA_ENDPOINT: argValue('upstream') ?? 'http://127.0.0.1:11434',
      OLLAMA_MODEL: 'bench',
      LOG_LEVEL: argValue('log-level') ?? 'warn',
      LYNKR_DATA_DIR: argValue('data-dir') ?? './data',
      PROMPT_CACHE_ENABLED: 'false',
      SEMANTIC_CACHE_ENABLED: 'false',
    },
    port: 0,
    host: '127.0.0.1',
    dotenv: false,
  });
  return { port: server.port, close: () => server.close() };
});
