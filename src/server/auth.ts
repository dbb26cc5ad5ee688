/**
 * @module server/auth
 * Client authentication with LYNKR_API_KEYS: every route but `HEAD /`, `GET /` and the
 * health probes needs one of the keys, as `Authorization: Bearer <key>` or `x-api-key`
 * (Claude Code sends the latter, Codex's `env_key` the former). Keys are compared as
 * SHA-256 digests with `timingSafeEqual`, so neither content nor length leaks by timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LynkrError } from '../ir/errors.js';
import { encodeErrorForPath } from './dialect-for-path.js';

const OPEN_PATHS = new Set(['/', '/health', '/health/live', '/health/ready']);

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The key a client presented, if any. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1].trim();
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey.trim() : undefined;
}

export function createAuthHook(keys: readonly string[]) {
  const digests = keys.map(digest);
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const path = request.url.split('?')[0].replace(/\/+$/, '') || '/';
    if (OPEN_PATHS.has(path) && (request.method === 'GET' || request.method === 'HEAD')) return;
    const key = presentedKey(request.headers);
    if (key !== undefined) {
      const d = digest(key);
      let ok = false;
      for (const k of digests) ok = timingSafeEqual(d, k) || ok;
      if (ok) return;
    }
    const err = new LynkrError(
      'unauthorized',
      key === undefined
        ? 'Missing API key: send it as "Authorization: Bearer <key>" or "x-api-key: <key>" (one of LYNKR_API_KEYS).'
        : 'Invalid API key (not one of LYNKR_API_KEYS).',
    );
    const encoded = encodeErrorForPath(request.url, err);
    return reply.code(encoded.status).headers({ ...encoded.headers, 'x-should-retry': 'false' }).send(encoded.body);
  };
}
