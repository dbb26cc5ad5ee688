/**
 * @module test/support/mock-upstream/dead-endpoints
 * Upstreams that never answer a model turn, for the transport faults of wire-contract §4
 * (connection refused, connect time-out) that a scripted mock cannot produce.
 *
 * @example
 * const url = await refusedUrl();             // ECONNREFUSED at once
 * const silent = await startSilentServer();   // accepts TCP, never speaks: `https://` to it never completes TLS
 * try { … } finally { await silent.close(); }
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';

/** An http:// URL on a loopback port that was just free: connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export interface SilentServer {
  /** `https://127.0.0.1:<port>`: the TCP connection opens, the TLS handshake never completes. */
  httpsUrl: string;
  /** Connections accepted so far. */
  accepted: number;
  close(): Promise<void>;
}

/** A TCP server that accepts connections and never writes a byte (a black hole on loopback). */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const state = { accepted: 0 };
  const server = createServer((socket) => {
    state.accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    httpsUrl: `https://127.0.0.1:${port}`,
    get accepted() {
      return state.accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
