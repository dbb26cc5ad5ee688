/**
 * @module server/routes/count-tokens-route
 * `POST /v1/messages/count_tokens` → `{"input_tokens": N}`. Toward an Anthropic-compatible
 * upstream its own count is asked (exact for its model); otherwise, or when that fails,
 * Lynkr counts with its BPE tokenizer. Malformed bodies get Anthropic's 400.
 */
import type { FastifyInstance } from 'fastify';
import { anthropicMessagesCodec } from '../../dialects/anthropic-messages/index.js';
import { LynkrError, toLynkrError } from '../../ir/errors.js';
import { countRequestTokens } from '../../pipeline/count-tokens.js';
import { routeModel } from '../../pipeline/route-model.js';
import type { ServerContext } from '../server-context.js';
import { parseJsonBody } from './model-routes.js';

export function registerCountTokensRoute(app: FastifyInstance, ctx: ServerContext): void {
  const handler = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    try {
      const body = parseJsonBody(request.body);
      if (LynkrError.isInstance(body)) throw body;
      // count_tokens bodies have no max_tokens; the decoder validates the rest.
      const req = anthropicMessagesCodec.decodeRequest(body);
      const route = routeModel(req.model, ctx.config, ctx.registry);
      if (route.adapter.countTokens && route.adapter.dialect === 'anthropic-messages') {
        try {
          const n = await route.adapter.countTokens({
            body: body as Record<string, unknown>,
            model: route.model,
            signal: AbortSignal.timeout(30_000),
            clientHeaders: request.headers as Record<string, string>,
          });
          return reply.send({ input_tokens: n });
        } catch (err) {
          request.log.warn({ err: toLynkrError(err).message }, 'upstream count_tokens failed; counting locally');
        }
      }
      return reply.send({ input_tokens: countRequestTokens(req) });
    } catch (err) {
      const e = anthropicMessagesCodec.encodeError(toLynkrError(err));
      return reply.code(e.status).headers(e.headers).send(e.body);
    }
  };
  app.post('/v1/messages/count_tokens', handler);
  app.post('/messages/count_tokens', handler);
}
