/**
 * @module server/app
 * Builds the fastify application: body parsing (raw bytes, parsed by the route so a bad
 * body is answered in the route's own dialect), request ids, errors in the caller's
 * dialect, the access log (one line per request), and the route groups.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { LynkrError } from '../ir/errors.js';
import { lazyChildLoggerFactory } from '../observability/lazy-child-logger.js';
import { observeRequests } from '../observability/observe-requests.js';
import { addAnthropicRequestId } from './anthropic-request-id.js';
import { createAuthHook } from './auth.js';
import { refuseWhileClosing } from './closing-guard.js';
import { encodeErrorForPath } from './dialect-for-path.js';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
import { refuseWebSocketUpgrades } from './refuse-websocket.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerModelRoutes } from './routes/model-routes.js';
import { registerCountTokensRoute } from './routes/count-tokens-route.js';
import { registerEmbeddingsRoute } from './routes/embeddings-route.js';
import { isDashboardShellRequest, registerDashboardRoutes } from './routes/dashboard-routes.js';
import { registerMetricsRoutes } from './routes/metrics-routes.js';
import { registerCompactRoute } from './routes/compact-route.js';
import { registerModelsRoutes } from './routes/models-routes.js';
import type { ServerContext } from './server-context.js';

export function buildApp(ctx: ServerContext): FastifyInstance {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // One access-log line per model request comes from observeRequests (observability/observe-requests.ts).
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLoggerFactory,
    bodyLimit: ctx.config.server.maxBodyBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => `req_${randomUUID().replace(/-/g, '')}`,
    return503OnClosing: false, // closing-guard.ts answers in the caller's dialect instead
    keepAliveTimeout: 65_000,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) =>
    exceedsJsonDepth(body as Buffer)
      ? done(new LynkrError('invalid_request', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`), undefined)
      : done(null, body),
  );

  // Callback-style hooks (not async): fastify awaits nothing for them, one promise less per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  if (ctx.config.server.apiKeys.length > 0) {
    const authenticate = createAuthHook(ctx.config.server.apiKeys);
    // The dashboard's page shell carries no data; the page sends the key with its data fetches.
    app.addHook('onRequest', async (request, reply) => (isDashboardShellRequest(request.method, request.url) ? undefined : authenticate(request, reply)));
  }
  refuseWhileClosing(app);
  addAnthropicRequestId(app);
  refuseWebSocketUpgrades(app.server);

  // Metrics, usage records and the access-log line, once per model request when its response closes.
  observeRequests(app, ctx.observability);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const lynkrError = LynkrError.isInstance(error)
      ? error
      : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? new LynkrError('request_too_large', `Request body is larger than the ${Math.round(ctx.config.server.maxBodyBytes / 1048576)} MB limit (LYNKR_MAX_BODY_MB).`)
        : error.statusCode && error.statusCode >= 400 && error.statusCode < 500
          ? new LynkrError('invalid_request', error.message, { status: error.statusCode })
          : new LynkrError('internal', `Internal error: ${error.message}`, { cause: error });
    if (lynkrError.code === 'internal') request.log.error({ err: error }, 'unhandled error');
    const encoded = encodeErrorForPath(request.url, lynkrError);
    return reply.code(encoded.status).headers(encoded.headers).send(encoded.body);
  });

  app.setNotFoundHandler((request, reply) => {
    const encoded = encodeErrorForPath(
      request.url,
      new LynkrError('not_found', `Unknown route: ${request.method} ${request.url.split('?')[0]}`),
    );
    return reply.code(encoded.status).headers(encoded.headers).send(encoded.body);
  });

  registerHealthRoutes(app, ctx);
  registerModelsRoutes(app, ctx);
  registerModelRoutes(app, ctx);
  registerCountTokensRoute(app, ctx);
  registerEmbeddingsRoute(app, ctx);
  registerCompactRoute(app, ctx);
  registerMetricsRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  return app;
}
