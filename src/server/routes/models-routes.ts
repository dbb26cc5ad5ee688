/**
 * @module server/routes/models-routes
 * `GET /v1/models`: the OpenAI list (`{object:'list', data}`) and, in the same body, the
 * Codex catalogue shape (`{models:[ModelInfo]}`, wire-contract §1.1.3), so both kinds of
 * client read it. The list holds the primary provider's default model, MODEL_MAP aliases,
 * MODEL_SMALL/MODEL_LARGE targets, and the fallback's model.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';
import { codexModelInfo } from './codex-model-info.js';

export function registerModelsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const handler = async () => {
    const created = Math.floor(ctx.startedAt / 1000);
    const entries = new Map<string, { owned_by: string; upstream: string; provider: string }>();
    const primary = ctx.registry.get(ctx.config.provider);
    if (primary) entries.set(primary.defaultModel, { owned_by: primary.name, upstream: primary.defaultModel, provider: primary.name });
    for (const [alias, target] of Object.entries(ctx.config.routing.modelMap)) {
      entries.set(alias, { owned_by: 'lynkr', upstream: target, provider: target.split(/[:/]/)[0] });
    }
    for (const target of [ctx.config.routing.modelSmall, ctx.config.routing.modelLarge]) {
      if (target) entries.set(target, { owned_by: 'lynkr', upstream: target, provider: target.split(/[:/]/)[0] });
    }
    const models = await Promise.all(
      [...entries].map(async ([id, e]) => {
        const adapter = ctx.registry.get(e.provider as never) ?? primary;
        const window = await adapter?.contextWindow?.(e.upstream.replace(/^[a-z-]+[:/]/i, '')).catch(() => undefined);
        return { id, ...e, contextWindow: window };
      }),
    );
    return {
      object: 'list',
      data: models.map((m) => ({ id: m.id, object: 'model', created, owned_by: m.owned_by, context_window: m.contextWindow })),
      models: models.map((m) => codexModelInfo(m.id, m.contextWindow)),
    };
  };
  app.get('/v1/models', handler);
  app.get('/models', handler);
}
