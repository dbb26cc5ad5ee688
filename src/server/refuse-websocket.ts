/**
 * @module server/refuse-websocket
 * Codex's built-in OpenAI provider first tries a WebSocket upgrade on `/v1/responses`; on a
 * non-101 answer it retries for ~6 s before falling back to HTTP (wire-contract §1.1).
 * Answering 426 at once, on the raw socket, lets it fall back without the delay.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

export function refuseWebSocketUpgrades(server: Server): void {
  server.on('upgrade', (req, socket: Duplex) => {
    const body = JSON.stringify({
      error: {
        message: 'Lynkr does not serve the Responses API over WebSocket; use HTTPS streaming (POST /v1/responses).',
        type: 'invalid_request_error',
        code: 'websocket_not_supported',
        param: null,
      },
    });
    socket.on('error', () => socket.destroy());
    const requestId = `req_${randomUUID().replace(/-/g, '')}`;
    socket.end(
      `HTTP/1.1 426 Upgrade Required\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
    void req;
  });
}
