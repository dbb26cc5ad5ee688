/**
 * @module main
 * Production entry point (`npm start`, `npx lynkr`): start the server from the environment
 * and `.env`, shut down gracefully on SIGTERM/SIGINT (design.md §3): stop accepting, let
 * in-flight streams finish within SHUTDOWN_GRACE_MS, run the registered closers (usage
 * flush), exit 0. A second signal exits at once.
 */
import { startServer, type RunningServer } from './server/start-server.js';
import { CLOSER_TIMEOUT_MS } from './server/graceful-close.js';

/** Time beyond the grace period after which a shutdown that is still stuck exits anyway. */
const HARD_STOP_MARGIN_MS = 2_000 + 3 * CLOSER_TIMEOUT_MS;

export async function main(): Promise<void> {
  let server: RunningServer;
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
  // A stray rejection must not take every client's session down with it.
  process.on('unhandledRejection', (reason) => {
    running.log.error({ err: reason }, 'unhandled rejection');
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      running.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    running.log.info({ signal, graceMs: running.config.server.shutdownGraceMs }, 'shutting down: waiting for in-flight requests');
    const hardStop = setTimeout(() => {
      running.log.error({ signal }, 'shutdown did not complete in time; exiting');
      process.exit(1);
    }, running.config.server.shutdownGraceMs + HARD_STOP_MARGIN_MS);
    hardStop.unref();
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        running.log.error({ err, signal }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) void main();
