/**
 * @module bench/actors/lynkr
 * Lynkr as users run it, in its own process: `startServer` with MODEL_PROVIDER=ollama
 * pointed at the bench upstream, LOG_LEVEL=warn (override with `--log-level=info` to
 * include the access log), no `.env`, on 127.0.0.1, every other setting at its default
 * except the prompt cache (PROMPT_CACHE_ENABLED=false): the bench repeats one request, and
 * with the cache on every repeat would be answered from it without reaching the upstream,
 * which measures the cache, not the proxy. `--entry=dist` (the default) loads the
 * compiled `dist/` that `npm start` runs; `--entry=src` loads the TypeScript sources
 * through tsx (no build, but tsx's loader thread and source-mapped stack traces cost
 * memory and time that production does not pay).
 */
import { argValue, runActor } from './run-actor.js';

type StartServer = typeof import('../../src/server/start-server.js').startServer;

const entry = argValue('entry') === 'src' ? '../../src/server/start-server.js' : '../../dist/server/start-server.js';

void runActor('lynkr', async () => {
  const { startServer } = (await import(entry)) as { startServer: StartServer };
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
