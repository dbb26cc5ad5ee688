/**
 * @module bench/actors/forwarder
 * The baseline: the least a Node proxy can do. node:http in, node:http out through a
 * keep-alive agent, request and response bodies `pipe`d, nothing parsed or rewritten but
 * the Host header. Whatever Lynkr adds on top of this is the cost of translation.
 */
import { Agent, createServer, request } from 'node:http';
import { argValue, runActor } from './run-actor.js';

export function createForwarder(upstream: URL) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });
  const server = createServer((req, res) => {
    const upstreamReq = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    // A client that goes away takes its upstream request with it.
    res.on('close', () => {
      if (!res.writableFinished) upstreamReq.destroy();
    });
    req.pipe(upstreamReq);
  });
  server.keepAliveTimeout = 65_000;
  return { server, agent };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void runActor('forwarder', async () => {
    const { server, agent } = createForwarder(new URL(argValue('upstream') ?? 'http://127.0.0.1:11434'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return {
      port: typeof address === 'object' && address ? address.port : 0,
      close: () =>
        new Promise<void>((resolve) => {
          agent.destroy();
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  });
}
