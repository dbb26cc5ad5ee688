/**
 * @module server/closing-guard
 * While the server shuts down, requests that still arrive on open keep-alive connections are
 * answered at once with a 503 in the caller's dialect (with `Retry-After`, `x-request-id` and
 * `Connection: close`), never run: the clients retry against the next Lynkr (wire-contract
 * §3.6 — Codex retries a 503 without `server_is_overloaded`; Claude Code retries 5xx). Health
 * probes get it too, so a load balancer stops routing here. Replaces fastify's own
 * `return503OnClosing`, whose body is in neither dialect.
 */
import type { FastifyInstance } from 'fastify';
import { LynkrError } from '../ir/errors.js';
import { encodeErrorForPath } from './dialect-for-path.js';

/** The error every request gets while Lynkr is closing. */
export function shuttingDownError(): LynkrError {
  return new LynkrError('upstream_unavailable', 'Lynkr is shutting down; retry the request.', { status: 503, retryAfterSeconds: 1 });
}

export function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', function refuseWhenClosing(request, reply, done) {
    if (!closing) return done();
    const encoded = encodeErrorForPath(request.url, shuttingDownError());
    reply.code(encoded.status).headers({ ...encoded.headers, connection: 'close' }).send(encoded.body);
  });
}
