/**
 * @module bench/actors/portkey
 * Portkey's open-source gateway (npm `@portkey-ai/gateway`, its published
 * `build/start-server.js`, headless) as the peer. Its server binds every interface and
 * takes no host option, so this wrapper pins `net.Server#listen` to 127.0.0.1 before
 * loading it: the bench never listens beyond loopback. Requests reach the bench upstream
 * through Portkey's own routing headers (`x-portkey-provider: ollama`,
 * `x-portkey-custom-host: http://127.0.0.1:<port>`; 127.0.0.1 is in its default
 * TRUSTED_CUSTOM_HOSTS).
 *
 * One workaround, or Portkey answers every streamed request with a 500: with the
 * `@hono/node-server` 1.19 that npm installs for it, Portkey appends its `x-portkey-*`
 * headers to the upstream fetch Response's immutable headers ("TypeError: immutable",
 * Portkey-AI/gateway#1389 and #1550). Like the fix proposed there (#1551), upstream
 * responses are re-wrapped in a Response with its own mutable headers: one object and a
 * header copy per request, nothing next to the gateway's own work.
 */
import { createRequire } from 'node:module';
import { Server } from 'node:net';
import { pathToFileURL } from 'node:url';
import { argValue, runActor } from './run-actor.js';

const port = Number(argValue('port'));

void runActor('portkey', async () => {
  const listen = Server.prototype.listen;
  let server: Server | undefined;
  const listening = new Promise<void>((resolve) => {
    Server.prototype.listen = function pinnedToLoopback(this: Server, ...args: unknown[]) {
      server = this;
      this.once('listening', () => resolve());
      const options = typeof args[0] === 'object' && args[0] !== null ? { ...(args[0] as object), host: '127.0.0.1' } : { port: args[0], host: '127.0.0.1' };
      const callback = args.find((a) => typeof a === 'function');
      return (listen as (...a: unknown[]) => Server).call(this, options, callback);
    } as typeof Server.prototype.listen;
  });
  const fetchUpstream = globalThis.fetch;
  globalThis.fetch = async function fetchWithMutableHeaders(input: Parameters<typeof fetch>[0], init?: RequestInit) {
    const res = await fetchUpstream(input, init);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) });
  };
  const entry = createRequire(import.meta.url).resolve('@portkey-ai/gateway/package.json').replace(/package\.json$/, 'build/start-server.js');
  await import(pathToFileURL(entry).href);
  await listening;
  Server.prototype.listen = listen;
  return {
    port,
    close: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
});
