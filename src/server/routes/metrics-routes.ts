/**
 * @module server/routes/metrics-routes
 * `GET /metrics`: every metric of the shared prom-client registry in Prometheus text format.
 * `GET /metrics/token-usage`: persisted token usage with estimated cost (JSON; the Codex
 * guide tells users to curl it). Both need a key when LYNKR_API_KEYS is set (auth.ts).
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/
 */
import type { FastifyInstance } from 'fastify';
import { metricsRegistry } from '../../observability/metrics-registry.js';
import type { ServerContext } from '../server-context.js';

export function registerMetricsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/metrics', async (_request, reply) => {
    const text = await metricsRegistry.metrics();
    return reply.header('cache-control', 'no-store').type(metricsRegistry.contentType).send(text);
  });
  app.get('/metrics/token-usage', async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send(ctx.observability.tokenUsage());
  });
}
