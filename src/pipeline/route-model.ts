/**
 * @module pipeline/route-model
 * Picks provider and upstream model for the model name a client asked for (design.md §5),
 * first rule that applies:
 *  1. `provider:model` or `provider/model` with a known provider name (the model part may
 *     itself contain colons, as Ollama's `qwen2.5-coder:7b`);
 *  2. MODEL_MAP;
 *  3. small-model names (`*-mini`, `*-nano`, `*haiku*`) → MODEL_SMALL, most-capable names
 *     (`*opus*`, `o3*`, `*-pro`) → MODEL_LARGE, when set;
 *  4. `claude-*` names when the primary provider serves Claude models natively: passed on;
 *  5. the primary provider's default model.
 */
import type { Config } from '../config/index.js';
import { LynkrError } from '../ir/errors.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { isProviderName, type ProviderAdapter, type ProviderName } from '../providers/types.js';

export interface ModelRoute {
  provider: ProviderName;
  /** Upstream model id. */
  model: string;
  adapter: ProviderAdapter;
  /** Which rule chose it, for logs. */
  rule: 'explicit' | 'model-map' | 'small' | 'large' | 'claude' | 'default';
}

/** Splits `provider:model` / `provider/model` when the prefix is a known provider name. */
export function parseProviderModel(value: string): { provider: ProviderName; model?: string } | undefined {
  const m = /^([a-z-]+)[:/](.*)$/i.exec(value.trim());
  if (m && isProviderName(m[1].toLowerCase())) return { provider: m[1].toLowerCase() as ProviderName, model: m[2] || undefined };
  if (isProviderName(value.trim().toLowerCase())) return { provider: value.trim().toLowerCase() as ProviderName };
  return undefined;
}

const SMALL = /(-mini|-nano)(\b|$)|haiku/i;
const LARGE = /opus|^o3|-pro(\b|$)/i;

export function routeModel(requested: string, config: Config, registry: ProviderRegistry, primary: ProviderName = config.provider): ModelRoute {
  const build = (provider: ProviderName, model: string | undefined, rule: ModelRoute['rule']): ModelRoute => {
    const adapter = registry.get(provider);
    if (!adapter) {
      throw new LynkrError('model_not_found', `model ${requested} not found: provider "${provider}" is not available in this Lynkr build`, {
        param: 'model',
      });
    }
    return { provider, model: model || adapter.defaultModel, adapter, rule };
  };
  const fromTarget = (target: string, rule: ModelRoute['rule']): ModelRoute => {
    const parsed = parseProviderModel(target);
    return parsed ? build(parsed.provider, parsed.model, rule) : build(primary, target, rule);
  };

  const explicit = parseProviderModel(requested);
  if (explicit) return build(explicit.provider, explicit.model, 'explicit');

  const mapped = config.routing.modelMap[requested];
  if (mapped) return fromTarget(mapped, 'model-map');

  if (config.routing.modelSmall && SMALL.test(requested)) return fromTarget(config.routing.modelSmall, 'small');
  if (config.routing.modelLarge && LARGE.test(requested)) return fromTarget(config.routing.modelLarge, 'large');

  const primaryAdapter = registry.get(primary);
  if (/^claude-/i.test(requested) && primaryAdapter?.servesClaude(requested)) return build(primary, requested, 'claude');

  return build(primary, undefined, 'default');
}
