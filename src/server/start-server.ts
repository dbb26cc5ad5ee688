/**
 * @module server/start-server
 * Starts a Lynkr server in-process: load config, build services and the app, listen.
 * Used by main.ts and by integration and end-to-end tests (port 0 picks a free port).
 */
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { createCacheServices } from '../cache/cache-services.js';
import { listSecrets, loadConfig, redactConfig, type Config } from '../config/index.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { openObservability } from '../observability/observability.js';
import { ProviderRegistry } from '../providers/registry.js';
import { MemoryResponseStore } from '../store/response-store.js';
import { buildApp } from './app.js';
import { shuttingDownError } from './closing-guard.js';
import { gracefulClose, type Closer } from './graceful-close.js';
import type { ServerContext } from './server-context.js';

export interface StartServerOptions {
  /** Environment to read configuration from (defaults to process.env merged with .env). */
  env?: Record<string, string | undefined>;
  /** Overrides PORT; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Overrides the logger (tests pass a silent one). */
  logger?: Logger;
  /** Read a .env file from the working directory (default: only when env is process.env). */
  dotenv?: boolean;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:53211 */
  url: string;
  port: number;
  config: Config;
  /** The server's logger (secrets scrubbed). */
  log: Logger;
  /**
   * Registers work to run on close, once no request is in flight any more (e.g. flushing usage
   * records); closers run newest first, each bounded to a few seconds, failures are logged.
   */
  onClose(closer: Closer): void;
  /**
   * Graceful shutdown: stop accepting, let in-flight requests finish within SHUTDOWN_GRACE_MS
   * (then end them with their dialect's error), run the closers, close upstream pools. Idempotent.
   */
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const useDotenv = options.dotenv ?? options.env === undefined;
  const config = loadConfig({ ...env, ...(options.port !== undefined ? { PORT: String(options.port) } : {}), ...(options.host ? { HOST: options.host } : {}) }, {
    dotenvPath: useDotenv ? undefined : false,
  });
  const secrets = listSecrets(config);
  const log = options.logger ?? createLogger({ level: config.server.logLevel, secrets });
  for (const warning of config.warnings) log.warn(warning);
  const registry = new ProviderRegistry(config);
  const observability = openObservability({ config, log });
  const caches = createCacheServices({ config, http: registry.http, log, prices: observability.prices });
  const shutdown = new AbortController();
  setMaxListeners(0, shutdown.signal); // every in-flight request listens on it (pipeline/link-abort.ts)
  const ctx: ServerContext = {
    config,
    registry,
    log,
    responses: new MemoryResponseStore(),
    startedAt: Date.now(),
    version: packageVersion(),
    shutdownSignal: shutdown.signal,
    observability,
    caches,
  };
  const app = buildApp(ctx);
  await app.listen({ port: config.server.port, host: config.server.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const hostForUrl = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host === '0.0.0.0' ? '127.0.0.1' : config.server.host;
  log.info({ port, host: config.server.host, provider: config.provider, config: redactConfig(config) }, 'Lynkr listening');
  const closers: Closer[] = [() => observability.close(), () => caches.close()];
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    config,
    log,
    onClose(closer) {
      closers.push(closer);
    },
    close() {
      closing ??= gracefulClose({
        app,
        graceMs: config.server.shutdownGraceMs,
        abortInFlight: (reason) => shutdown.abort(reason),
        reason: shuttingDownError(),
        closers: [() => registry.close(), ...closers],
        log,
      });
      return closing;
    },
  };
}
