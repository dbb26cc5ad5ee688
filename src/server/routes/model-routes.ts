/**
 * @module server/routes/model-routes
 * The model routes of all three client dialects: Responses, Chat Completions and
 * Anthropic Messages, each with and without the `/v1` prefix (query strings such as
 * `?beta=true` never affect routing). They differ only in codec and id prefix; the
 * Responses route adds `store` / `previous_response_id`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { anthropicMessagesCodec } from '../../dialects/anthropic-messages/index.js';
import { openaiChatCodec } from '../../dialects/openai-chat/index.js';
import { openaiResponsesCodec } from '../../dialects/openai-responses/index.js';
import type { IngressCodec } from '../../dialects/types.js';
import { LynkrError } from '../../ir/errors.js';
import { handleModelRequest, type ModelRequestHooks, type RequestSummary } from '../../pipeline/handle-model-request.js';
import { routeModel } from '../../pipeline/route-model.js';
import { assistantMessage } from '../../store/response-store.js';
import { sendModelResult } from '../send-model-result.js';
import type { ServerContext } from '../server-context.js';

export function registerModelRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const route = (paths: string[], codec: IngressCodec, idPrefix: string, hooks?: (req: FastifyRequest) => ModelRequestHooks) => {
    for (const url of paths) {
      app.post(url, async (request, reply) => {
        const controller = new AbortController();
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) controller.abort();
        });
        const summary: RequestSummary = {};
        (request as FastifyRequest & { lynkr?: RequestSummary }).lynkr = summary;
        const body = parseJsonBody(request.body);
        if (LynkrError.isInstance(body)) {
          const e = codec.encodeError(body);
          summary.error = { code: body.code, message: body.message };
          return reply.code(e.status).headers(e.headers).send(e.body);
        }
        const result = await handleModelRequest(
          ctx,
          {
            codec,
            body,
            headers: request.headers as Record<string, string>,
            controller,
            requestId: request.id,
            idPrefix,
            hooks: hooks?.(request),
          },
          summary,
        );
        await sendModelResult(reply, result);
      });
    }
  };

  route(['/v1/responses', '/responses'], openaiResponsesCodec, 'resp', () => responsesHooks(ctx));
  route(['/v1/chat/completions', '/chat/completions'], openaiChatCodec, 'chatcmpl');
  route(['/v1/messages', '/messages'], anthropicMessagesCodec, 'msg');

  for (const prefix of ['/v1', '']) {
    app.get<{ Params: { id: string } }>(`${prefix}/responses/:id`, async (request, reply) => {
      const stored = await ctx.responses.get(request.params.id);
      if (!stored) return sendNotFound(reply, request.params.id);
      return reply.send(stored.body);
    });
    app.delete<{ Params: { id: string } }>(`${prefix}/responses/:id`, async (request, reply) => {
      const deleted = await ctx.responses.delete(request.params.id);
      if (!deleted) return sendNotFound(reply, request.params.id);
      return reply.send({ id: request.params.id, object: 'response', deleted: true });
    });
  }
}

function sendNotFound(reply: import('fastify').FastifyReply, id: string) {
  const e = openaiResponsesCodec.encodeError(new LynkrError('not_found', `Response with id '${id}' not found.`, { param: 'response_id' }));
  return reply.code(e.status).headers(e.headers).send(e.body);
}

function responsesHooks(ctx: ServerContext): ModelRequestHooks {
  return {
    async prepare(req) {
      const ext = req.extensions['openai-responses'] ?? {};
      const previousId = ext.previous_response_id;
      if (typeof previousId !== 'string' || previousId === '') return req;
      const previous = await ctx.responses.get(previousId);
      if (!previous) {
        // A Responses upstream reached on the pass-through path (Azure OpenAI) issued this id
        // itself: forward the request untouched and let the upstream resolve it.
        const route = routeModel(req.model, ctx.config, ctx.registry);
        if (route.adapter.dialect === 'openai-responses' && route.adapter.passthrough) return req;
        throw new LynkrError('not_found', `Previous response with id '${previousId}' not found.`, { param: 'previous_response_id' });
      }
      return { ...req, system: req.system.length > 0 ? req.system : previous.system, messages: [...previous.messages, ...req.messages] };
    },
    completed({ req, response, responseId }) {
      if (req.extensions['openai-responses']?.store === false) return;
      const body = openaiResponsesCodec.encodeResponse(
        { ...response, id: responseId },
        { requestedModel: req.model, responseId, createdAt: Math.floor(Date.now() / 1000), request: req },
      );
      void ctx.responses.put({
        id: responseId,
        createdAt: Date.now(),
        system: req.system,
        messages: [...req.messages, assistantMessage(response.parts)],
        body,
      });
    },
  };
}

/** The raw body (a Buffer from the catch-all parser) as JSON, or the LynkrError to answer with. */
export function parseJsonBody(raw: unknown): unknown {
  if (raw === undefined || raw === null || (Buffer.isBuffer(raw) && raw.length === 0)) {
    return new LynkrError('invalid_json', 'The request body is empty; a JSON object was expected.');
  }
  if (!Buffer.isBuffer(raw) && typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw.toString());
  } catch (err) {
    return new LynkrError('invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}
