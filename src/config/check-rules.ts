/**
 * @module config/check-rules
 * Rules that involve more than one variable, run after every variable passed (or failed)
 * its own field schema. A rule never repeats a problem already reported: when a variable
 * it needs was refused, `get` returns `undefined` and the rule stays silent about it.
 */
import { isIPv4 } from 'node:net';
import { parseModelRef } from './model-ref.js';
import type { EnvName, EnvValues } from './schema.js';
import type { ProviderName } from './types.js';

export interface RuleContext {
  /** The parsed value, or `undefined` when the variable's own schema refused it. */
  get<K extends EnvName>(name: K): EnvValues[K] | undefined;
  /** True when the variable's own schema refused it (a problem is already reported). */
  isInvalid(name: EnvName): boolean;
  /** True when the variable was given a non-blank value (as opposed to taking its default). */
  isSet(name: EnvName): boolean;
  problem(variable: EnvName, message: string): void;
  warning(text: string): void;
}

/**
 * True for addresses only this machine can reach: `localhost`, `127.0.0.0/8`, `::1`.
 *
 * @example
 * isLoopbackHost('127.0.0.1') // true
 * isLoopbackHost('0.0.0.0')   // false
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return isIPv4(v4) && v4.startsWith('127.');
}

/** What each provider cannot work without. Bedrock may use the AWS credential chain; local servers need nothing. */
export const REQUIRED_SETTINGS: Readonly<Record<ProviderName, readonly EnvName[]>> = {
  ollama: [],
  llamacpp: [],
  lmstudio: [],
  openai: ['OPENAI_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  'azure-openai': ['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY'],
  'azure-anthropic': ['AZURE_ANTHROPIC_ENDPOINT', 'AZURE_ANTHROPIC_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  bedrock: [],
  databricks: ['DATABRICKS_API_BASE', 'DATABRICKS_API_KEY'],
};

/** Runs every cross-variable rule. */
export function checkRules(ctx: RuleContext): void {
  checkRemoteAccess(ctx);
  checkOllamaContext(ctx);
  checkFallback(ctx);
  checkProviderSettings(ctx);
  checkToolExecutionMode(ctx);
}

/** A non-loopback HOST serves the network: it needs client keys or an explicit opt-out. */
function checkRemoteAccess(ctx: RuleContext): void {
  const host = ctx.get('HOST');
  const keys = ctx.get('LYNKR_API_KEYS');
  const allow = ctx.get('LYNKR_ALLOW_UNAUTHENTICATED');
  if (host === undefined || keys === undefined || allow === undefined) return;
  if (isLoopbackHost(host) || keys.length > 0) return;
  if (allow) {
    ctx.warning(`HOST=${host} accepts clients without a key (LYNKR_ALLOW_UNAUTHENTICATED=true)`);
    return;
  }
  ctx.problem(
    'HOST',
    'is not a loopback address, so anyone on the network could use your providers: ' +
      'set LYNKR_API_KEYS=<key1,key2> or LYNKR_ALLOW_UNAUTHENTICATED=true',
  );
}

function checkOllamaContext(ctx: RuleContext): void {
  const min = ctx.get('OLLAMA_NUM_CTX');
  const max = ctx.get('OLLAMA_NUM_CTX_MAX');
  if (min === undefined || max === undefined || max >= min) return;
  // Blame the variable the user set; when both are set, the maximum.
  if (!ctx.isSet('OLLAMA_NUM_CTX_MAX')) {
    ctx.problem('OLLAMA_NUM_CTX', `must not exceed OLLAMA_NUM_CTX_MAX (${max}); raise OLLAMA_NUM_CTX_MAX too`);
  } else {
    ctx.problem('OLLAMA_NUM_CTX_MAX', `must be at least OLLAMA_NUM_CTX (${min})`);
  }
}

function checkFallback(ctx: RuleContext): void {
  const provider = ctx.get('FALLBACK_PROVIDER');
  const enabled = ctx.get('FALLBACK_ENABLED');
  if (enabled === true && provider === undefined && !ctx.isInvalid('FALLBACK_PROVIDER')) {
    ctx.warning('FALLBACK_ENABLED=true has no effect without FALLBACK_PROVIDER: no fallback is used');
  }
  if (provider !== undefined && enabled !== false && provider === ctx.get('MODEL_PROVIDER')) {
    ctx.warning(`FALLBACK_PROVIDER is the same as MODEL_PROVIDER (${provider}): failing over retries the same provider`);
  }
}

/** Every provider something routes to must have its credentials: report each missing variable once, with all its users. */
function checkProviderSettings(ctx: RuleContext): void {
  const users = new Map<ProviderName, string[]>();
  const use = (provider: ProviderName, by: string): void => {
    users.set(provider, [...(users.get(provider) ?? []), by]);
  };

  const primary = ctx.get('MODEL_PROVIDER');
  if (primary) use(primary, `MODEL_PROVIDER=${primary}`);
  const fallback = ctx.get('FALLBACK_PROVIDER');
  if (fallback && ctx.get('FALLBACK_ENABLED') !== false && !ctx.isInvalid('FALLBACK_ENABLED')) {
    use(fallback, `FALLBACK_PROVIDER=${fallback}`);
  }
  const mapped = new Map<ProviderName, string[]>();
  for (const [client, target] of Object.entries(ctx.get('MODEL_MAP') ?? {})) {
    const ref = parseModelRef(target);
    if (ref) mapped.set(ref.provider, [...(mapped.get(ref.provider) ?? []), client]);
  }
  for (const [provider, clients] of mapped) use(provider, `MODEL_MAP (${clients.join(', ')})`);
  for (const name of ['MODEL_SMALL', 'MODEL_LARGE'] as const) {
    const value = ctx.get(name);
    const ref = value === undefined ? undefined : parseModelRef(value);
    if (ref) use(ref.provider, `${name}=${value}`);
  }
  const embeddings = ctx.get('EMBEDDINGS_PROVIDER');
  if (embeddings) use(embeddings, `EMBEDDINGS_PROVIDER=${embeddings}`);

  const missing = new Map<EnvName, string[]>();
  for (const [provider, by] of users) {
    for (const name of REQUIRED_SETTINGS[provider]) {
      if (ctx.isInvalid(name) || ctx.get(name) !== undefined) continue;
      missing.set(name, [...(missing.get(name) ?? []), ...by]);
    }
  }
  for (const [name, by] of missing) ctx.problem(name, `is required by ${by.join(', ')}`);
}

function checkToolExecutionMode(ctx: RuleContext): void {
  const mode = ctx.get('TOOL_EXECUTION_MODE');
  if (mode === 'server' || mode === 'passthrough') {
    ctx.warning(
      `TOOL_EXECUTION_MODE=${mode} is ignored: only client mode exists (tools always run in the client). Set TOOL_EXECUTION_MODE=client or remove it.`,
    );
  }
}
