/**
 * @module server/anthropic-request-id
 * Anthropic's HTTP error body carries the request id: `{"type":"error","error":{…},
 * "request_id":"req_…"}` (wire-contract §4, below the table). The codecs render errors
 * without knowing the request, so this hook adds Lynkr's request id (the same value as the
 * `x-request-id` header) to every Anthropic-shaped error body on a `/v1/messages…` route,
 * whichever part of the server produced it (route, auth, body limit, shutdown).
 */
import type { FastifyInstance } from 'fastify';
import { isAnthropicPath } from './dialect-for-path.js';

function isAnthropicErrorBody(payload: unknown): payload is Record<string, unknown> {
  return typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'error' && 'error' in payload;
}

export function addAnthropicRequestId(app: FastifyInstance): void {
  app.addHook('preSerialization', function anthropicRequestId(request, _reply, payload: unknown, done) {
    if (!isAnthropicErrorBody(payload) || 'request_id' in payload || !isAnthropicPath(request.url)) return done(null, payload);
    done(null, { ...payload, request_id: request.id });
  });
}
