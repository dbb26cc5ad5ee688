/**
 * @module cache/upstream-target
 * The upstream a routed request goes to, as cache-key material: provider name, upstream
 * model and where the provider is reached. Read generically from the provider's settings
 * (`endpoint`, else `apiBase`, else `region`), never by provider name.
 */
import { PROVIDER_CONFIG_KEY, type Config } from '../config/index.js';
import type { ModelRoute } from '../pipeline/route-model.js';
import type { UpstreamTarget } from './answer-key.js';

export function upstreamTarget(route: Pick<ModelRoute, 'provider' | 'model'>, config: Config): UpstreamTarget {
  const settings = config.providers[PROVIDER_CONFIG_KEY[route.provider]] as unknown as Record<string, unknown>;
  const where = [settings.endpoint, settings.apiBase, settings.region].find((v): v is string => typeof v === 'string' && v !== '');
  return { provider: route.provider, model: route.model, ...(where ? { endpoint: where } : {}) };
}
