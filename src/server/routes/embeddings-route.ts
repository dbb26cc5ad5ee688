/**
 * @module server/routes/embeddings-route
 * `POST /v1/embeddings` (and `/embeddings`) in OpenAI's shape, served by the configured
 * embeddings provider (EMBEDDINGS_PROVIDER: Ollama `/api/embed` or an OpenAI-compatible
 * `/embeddings`), the same one the semantic cache uses. The configured embeddings model is
 * always used; the answer names it. `encoding_format: "base64"` (the `openai` SDK's default)
 * returns little-endian float32 bytes in base64; token-array input is not supported.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { encodeOpenAIError } from '../../dialects/openai-shared/encode-openai-error.js';
import { estimateTokensFromChars } from '../../ir/helpers.js';
import { invalidRequest, LynkrError, toLynkrError } from '../../ir/errors.js';
import type { ServerContext } from '../server-context.js';
import { parseJsonBody } from './model-routes.js';

/** OpenAI's limit on inputs per request. */
const MAX_INPUTS = 2048;

const EmbeddingsRequest = z.object({
  input: z.union([z.string(), z.array(z.string()).min(1).max(MAX_INPUTS)], {
    errorMap: () => ({ message: `input must be a string or an array of 1 to ${MAX_INPUTS} strings (token arrays are not supported)` }),
  }),
  model: z.string().optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
});

/** A vector as OpenAI's base64 encoding: little-endian float32 bytes. */
export function base64Vector(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes.toString('base64');
}

export function registerEmbeddingsRoute(app: FastifyInstance, ctx: ServerContext): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const controller = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    try {
      const embeddings = ctx.caches?.embeddings;
      if (!embeddings) throw new LynkrError('not_found', 'Embeddings are not available on this server.');
      const body = parseJsonBody(request.body);
      if (LynkrError.isInstance(body)) throw body;
      const parsed = EmbeddingsRequest.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw invalidRequest(issue.message, issue.path.join('.') || undefined);
      }
      const inputs = typeof parsed.data.input === 'string' ? [parsed.data.input] : parsed.data.input;
      const result = await embeddings.embed(inputs, { signal: controller.signal, dimensions: parsed.data.dimensions });
      const base64 = parsed.data.encoding_format === 'base64';
      const promptTokens = result.promptTokens ?? inputs.reduce((n, text) => n + estimateTokensFromChars(text.length), 0);
      return reply.send({
        object: 'list',
        data: result.vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? base64Vector(vector) : vector })),
        model: result.model,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
      });
    } catch (err) {
      const e = encodeOpenAIError(toLynkrError(err));
      return reply.code(e.status).headers(e.headers).send(e.body);
    }
  };
  app.post('/v1/embeddings', handler);
  app.post('/embeddings', handler);
}
