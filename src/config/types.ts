/**
 * @module config/types
 * The typed, validated configuration every other module receives. `loadConfig` builds
 * it once at start-up and deep-freezes it, so every property is `readonly` here too.
 * The name lists (`PROVIDER_NAMES`, …) live beside the types they define so that the
 * schema, the router and the provider registry all agree on one spelling.
 */

/** The values `MODEL_PROVIDER` and `FALLBACK_PROVIDER` accept (design.md §4). */
export const PROVIDER_NAMES = [
  'ollama',
  'llamacpp',
  'lmstudio',
  'openai',
  'openrouter',
  'azure-openai',
  'azure-anthropic',
  'anthropic',
  'bedrock',
  'databricks',
] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** The providers `EMBEDDINGS_PROVIDER` accepts. */
export const EMBEDDINGS_PROVIDER_NAMES = ['ollama', 'openai', 'openrouter', 'llamacpp', 'lmstudio'] as const;
export type EmbeddingsProviderName = (typeof EMBEDDINGS_PROVIDER_NAMES)[number];

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly maxBodyBytes: number;
  /** Keys clients must present; empty means no authentication. */
  readonly apiKeys: readonly string[];
  readonly allowUnauthenticated: boolean;
  readonly shutdownGraceMs: number;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
}

export interface FallbackConfig {
  /** True only when a fallback provider is set and `FALLBACK_ENABLED` is not false. */
  readonly enabled: boolean;
  readonly provider?: ProviderName;
}

/** Base URLs below are normalised: no trailing slash, no endpoint suffix (see endpoint-url.ts). */
export interface OllamaConfig {
  /** Server root, e.g. `http://localhost:11434`. */
  readonly endpoint: string;
  readonly model: string;
  /** As given (`24h`, `-1`, `300`); the adapter decides how to send it. */
  readonly keepAlive?: string;
  readonly embeddingsModel?: string;
  readonly timeoutMs?: number;
  readonly numCtx: number;
  readonly numCtxMax: number;
}

export interface OpenAICompatibleLocalConfig {
  /** The OpenAI-compatible `/v1` root, e.g. `http://localhost:8080/v1`. */
  readonly endpoint: string;
  readonly model: string;
  readonly apiKey?: string;
}

export interface OpenAIConfig {
  /** The `/v1` root, e.g. `https://api.openai.com/v1`. */
  readonly endpoint: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly embeddingsModel?: string;
}

export interface AzureOpenAIConfig {
  /** Exactly as configured (resource root, `/openai/v1` base or a full URL): the adapter interprets it. */
  readonly endpoint?: string;
  readonly apiKey?: string;
  readonly deployment?: string;
  readonly apiVersion: string;
}

export interface AnthropicConfig {
  /** API root without `/v1`, e.g. `https://api.anthropic.com`. */
  readonly endpoint: string;
  readonly apiKey?: string;
  readonly model: string;
}

export interface AzureAnthropicConfig {
  /** Exactly as configured: the adapter interprets it. */
  readonly endpoint?: string;
  readonly apiKey?: string;
  readonly model: string;
}

export interface BedrockConfig {
  /** Bearer API key; without it the adapter uses the AWS credential chain (SigV4). */
  readonly apiKey?: string;
  readonly modelId: string;
  readonly region: string;
  readonly endpoint?: string;
}

export interface DatabricksConfig {
  /** Workspace URL without a trailing slash. */
  readonly apiBase?: string;
  readonly apiKey?: string;
  readonly endpointPath?: string;
  readonly model?: string;
}

/** Settings for every provider, always all present, so a `provider:model` prefix can reach any of them. */
export interface ProvidersConfig {
  readonly ollama: OllamaConfig;
  readonly llamacpp: OpenAICompatibleLocalConfig;
  readonly lmstudio: OpenAICompatibleLocalConfig;
  readonly openai: OpenAIConfig;
  readonly openrouter: OpenAIConfig;
  readonly azureOpenai: AzureOpenAIConfig;
  readonly anthropic: AnthropicConfig;
  readonly azureAnthropic: AzureAnthropicConfig;
  readonly bedrock: BedrockConfig;
  readonly databricks: DatabricksConfig;
}

/** Which `ProvidersConfig` entry holds the settings of each provider name. */
export const PROVIDER_CONFIG_KEY = {
  ollama: 'ollama',
  llamacpp: 'llamacpp',
  lmstudio: 'lmstudio',
  openai: 'openai',
  openrouter: 'openrouter',
  'azure-openai': 'azureOpenai',
  'azure-anthropic': 'azureAnthropic',
  anthropic: 'anthropic',
  bedrock: 'bedrock',
  databricks: 'databricks',
} as const satisfies Record<ProviderName, keyof ProvidersConfig>;

export interface RoutingConfig {
  /**
   * Client model name → normalised `provider:model` (provider lower-case, `:` separator).
   * A null-prototype object: `modelMap['constructor']` is `undefined`, safe to index with any client string.
   */
  readonly modelMap: Readonly<Record<string, string>>;
  /** Normalised `provider:model` for small-model names (`*-mini`, `*haiku*`, …). */
  readonly modelSmall?: string;
  /** Normalised `provider:model` for most-capable names (`*opus*`, `o3*`, …). */
  readonly modelLarge?: string;
}

export interface PolicyConfig {
  readonly toolLoopThreshold: number;
}

export interface CacheConfig {
  readonly semanticEnabled: boolean;
  /** Cosine similarity a semantic hit needs, 0..1. */
  readonly semanticThreshold: number;
  readonly promptEnabled: boolean;
  readonly promptTtlMs: number;
}

export interface EmbeddingsConfig {
  readonly provider: EmbeddingsProviderName;
}

export interface TimeoutsConfig {
  readonly connectMs: number;
  readonly firstByteMs: number;
  readonly idleMs: number;
  readonly maxRetries: number;
  readonly keepaliveIntervalMs: number;
}

/** Prices for one model, per million tokens, e.g. `{ "input": 2.5, "output": 10 }`. */
export type ModelPriceOverride = Readonly<Record<string, number>>;

export interface Config {
  readonly server: ServerConfig;
  readonly provider: ProviderName;
  readonly fallback: FallbackConfig;
  readonly providers: ProvidersConfig;
  readonly routing: RoutingConfig;
  /** Tools always run in the client; legacy `server`/`passthrough` values only add a warning. */
  readonly toolExecutionMode: 'client';
  readonly policy: PolicyConfig;
  readonly cache: CacheConfig;
  readonly embeddings: EmbeddingsConfig;
  readonly timeouts: TimeoutsConfig;
  readonly tokenOptimization: boolean;
  readonly redisUrl?: string;
  readonly modelPriceOverrides?: Readonly<Record<string, ModelPriceOverride>>;
  /** Things worth logging once at start-up (legacy values accepted, settings with no effect). */
  readonly warnings: readonly string[];
}
