/**
 * @module server/routes/compact-route
 * `POST /v1/responses/compact`: the legacy remote compaction of older Codex builds
 * (wire-contract §1.1.2; codex-rs/codex-api/src/endpoint/compact.rs). The body is a
 * non-streaming Responses request (`{model, input, instructions?, tools, …}`); the answer is
 * `200 {"output": [ResponseItem…]}`, the replacement history: the user messages of the
 * input, kept as they were, followed by one `compaction` item.
 *
 * The summary comes from the normal pipeline: the body is sent as a Responses turn ending
 * with a `compaction_trigger`, which the compaction stage answers with one `compaction`
 * item (routing, context checks and errors in the OpenAI shape come with it).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { openaiResponsesCodec } from '../../dialects/openai-responses/index.js';
import { LynkrError } from '../../ir/errors.js';
import { handleModelRequest, type RequestSummary } from '../../pipeline/handle-model-request.js';
import type { ServerContext } from '../server-context.js';
import { parseJsonBody } from './model-routes.js';

type Item = Record<string, unknown>;

const isObject = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The input as items (a string input is one user message); an existing trigger is not repeated. */
function inputItems(input: unknown): Item[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  return Array.isArray(input) ? input.filter(isObject).filter((item) => item.type !== 'compaction_trigger') : [];
}

/** User messages survive a compaction; everything else is replaced by the summary. */
export function retainedUserMessages(items: readonly Item[]): Item[] {
  return items.filter((item) => (item.type === 'message' || item.type === undefined) && item.role === 'user');
}

export function registerCompactRoute(app: FastifyInstance, ctx: ServerContext): void {
  const send = (reply: import('fastify').FastifyReply, err: LynkrError, summary: RequestSummary) => {
    summary.error = { code: err.code, message: err.message };
    const e = openaiResponsesCodec.encodeError(err);
    return reply.code(e.status).headers(e.headers).send(e.body);
  };

  for (const url of ['/v1/responses/compact', '/responses/compact']) {
    app.post(url, async (request, reply) => {
      const summary: RequestSummary = {};
      (request as FastifyRequest & { lynkr?: RequestSummary }).lynkr = summary;
      const body = parseJsonBody(request.body);
      if (LynkrError.isInstance(body)) return send(reply, body, summary);
      if (!isObject(body)) return send(reply, new LynkrError('invalid_request', 'Request body must be a JSON object'), summary);
      const items = inputItems(body.input);

      const controller = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      const result = await handleModelRequest(
        ctx,
        {
          codec: openaiResponsesCodec,
          body: { ...body, input: [...items, { type: 'compaction_trigger' }], stream: false },
          headers: request.headers as Record<string, string>,
          controller,
          requestId: request.id,
          idPrefix: 'resp',
        },
        summary,
      );
      if (result.kind !== 'json') return send(reply, new LynkrError('internal', 'Internal error: compaction answered with a stream'), summary);
      if (result.status !== 200) return reply.code(result.status).headers(result.headers).send(result.body);
      const output = (result.body as { output?: unknown }).output;
      const compaction = Array.isArray(output) ? output.find((item) => isObject(item) && item.type === 'compaction') : undefined;
      if (!compaction) return send(reply, new LynkrError('upstream_error', 'The upstream did not produce a compaction summary'), summary);
      return reply
        .code(200)
        .headers(result.headers)
        .send({ output: [...retainedUserMessages(items), compaction], usage: (result.body as { usage?: unknown }).usage });
    });
  }
}
