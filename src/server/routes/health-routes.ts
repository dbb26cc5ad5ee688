/**
 * @module server/routes/health-routes
 * Liveness and readiness for operators, and `HEAD /` for Claude Code's start-up probe.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';

export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const status = () => ({
    status: 'ok',
    service: 'lynkr',
    version: ctx.version,
    provider: ctx.config.provider,
    uptime_seconds: Math.round((Date.now() - ctx.startedAt) / 1000),
  });
  app.get('/', async () => status());
  app.get('/health', async () => status());
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async () => ({ status: 'ready', provider: ctx.config.provider }));
}
