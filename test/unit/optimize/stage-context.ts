/**
 * @module test/unit/optimize/stage-context
 * A CallContext for running one stage's hooks directly: configuration from `env`, a route to
 * an adapter of the given dialect, and whether the request could take the pass-through path.
 */
import pino from 'pino';
import { loadConfig } from '../../../src/config/index.js';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { DialectName, IrRequest } from '../../../src/ir/types.js';
import type { CallContext } from '../../../src/pipeline/stage.js';
import { ProviderRegistry } from '../../../src/providers/registry.js';
import type { ProviderAdapter } from '../../../src/providers/types.js';

export function stageContext({ req, dialect, passthroughCandidate = false, env = {} }: { req: IrRequest; dialect: DialectName; passthroughCandidate?: boolean; env?: Record<string, string> }): CallContext {
  const config = loadConfig({ MODEL_PROVIDER: 'ollama', ...env }, { dotenvPath: false });
  const adapter = { name: 'ollama', dialect, defaultModel: 'm', servesClaude: () => false, stream: async () => [] as never } as unknown as ProviderAdapter;
  return {
    services: { config, registry: new ProviderRegistry(config), log: pino({ level: 'silent' }) },
    requestId: 'req_test',
    ingress: 'openai-responses',
    route: { provider: 'ollama', model: 'm', adapter, rule: 'default' },
    toolNames: ToolNameMap.forRequest(req),
    clientHeaders: {},
    signal: new AbortController().signal,
    summary: {},
    state: new Map(),
    passthroughCandidate,
  };
}
