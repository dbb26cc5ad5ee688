/**
 * @module observability/observe-requests
 * Fastify hooks that record every model request exactly once, when its response closes.
 * Streamed answers are written on a hijacked reply (`server/send-model-result.ts`), and
 * fastify runs `onResponse` only on the response's `finish` or `error` event — never when
 * the client disconnects mid-stream. The response's `close` event fires in every case
 * (after `finish` for a completed answer), so recording hangs on it instead.
 *
 * By then the summary is final: the translated path reports usage from `tapResponse` before
 * the last chunk is written, and the pass-through side tap decodes its copy of the bytes in
 * promise jobs only, which all run before the I/O callback that emits `close`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestSummary } from '../pipeline/handle-model-request.js';
import type { Logger } from './logger.js';
import { addActiveStreamSource } from './metrics.js';
import type { Observability } from './observability.js';
import { requestContext } from './request-context.js';

type ObservedRequest = FastifyRequest & { lynkr?: RequestSummary };

/** fastify's request logger is a child of the pino logger the app was built with (app.ts `loggerInstance`). */
const pinoOf = (request: FastifyRequest) => request.log as unknown as Logger;

export function observeRequests(app: FastifyInstance, obs: Observability): void {
  // The access line carries its own requestId: written through the root logger, it does not
  // make fastify's per-request child logger exist (observability/lazy-child-logger.ts).
  const rootLog = app.log as unknown as Logger;
  const inFlight = new Set<{ request: ObservedRequest; reply: FastifyReply }>();
  // A hijacked reply counts as sent while its stream is still being written.
  const removeSource = addActiveStreamSource(() => {
    let n = 0;
    for (const { request, reply } of inFlight) if (request.lynkr?.stream && reply.sent && !reply.raw.writableEnded) n++;
    return n;
  });
  app.addHook('onClose', async () => {
    removeSource();
  });

  app.addHook('onRequest', (request: ObservedRequest, reply, done) => {
    const startedAt = performance.now();
    const entry = { request, reply };
    inFlight.add(entry);
    reply.raw.once('close', () => {
      inFlight.delete(entry);
      const summary = request.lynkr;
      if (!summary) return;
      obs.record(
        {
          requestId: request.id,
          route: request.routeOptions.url ?? request.url.split('?')[0],
          status: reply.raw.statusCode,
          summary,
          durationMs: performance.now() - startedAt,
          aborted: !reply.raw.writableFinished,
          at: Date.now(),
        },
        rootLog,
      );
    });
    done();
  });

  // Debug logging of upstream bodies needs to know which request an upstream call serves.
  if (obs.debug) {
    app.addHook('preHandler', (request, _reply, done) => {
      requestContext.run({ requestId: request.id, log: pinoOf(request) }, done);
    });
  }
}
