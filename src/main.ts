/**
 * @module main
 * Production entry point (`npm start`, `npx lynkr`): start the server from the
 * environment and `.env`, shut down gracefully on SIGTERM/SIGINT.
 */
import { startServer } from './server/start-server.js';

export async function main(): Promise<void> {
  let server;
  try {
    server = await startServer();
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code === 'LYNKR_CONFIG_INVALID' || e.code === 'EADDRINUSE' || e.code === 'EACCES') {
      console.error(`lynkr: ${e.message}`);
      process.exit(1);
    }
    throw err;
  }
  const running = server;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const grace = running.config.server.shutdownGraceMs;
    const force = setTimeout(() => {
      console.error(`lynkr: ${signal}: in-flight requests did not finish within ${grace} ms; exiting`);
      process.exit(0);
    }, grace);
    force.unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) void main();
