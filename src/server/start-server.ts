/**
 * @module server/start-server
 * Starts a Lynkr server in-process: load config, build services and the app, listen.
 * Used by main.ts and by integration and end-to-end tests (port 0 picks a free port).
 */
import { readFileSync } from 'node:fs';
import { listSecrets, loadConfig, redactConfig, type Config } from '../config/index.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { ProviderRegistry } from '../providers/registry.js';
import { MemoryResponseStore } from '../store/response-store.js';
import { buildApp } from './app.js';
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
  const ctx: ServerContext = { config, registry, log, responses: new MemoryResponseStore(), startedAt: Date.now(), version: packageVersion() };
  const app = buildApp(ctx);
  await app.listen({ port: config.server.port, host: config.server.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const hostForUrl = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host === '0.0.0.0' ? '127.0.0.1' : config.server.host;
  log.info({ port, host: config.server.host, provider: config.provider, config: redactConfig(config) }, 'Lynkr listening');
  let closed = false;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    config,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await registry.close();
    },
  };
}
