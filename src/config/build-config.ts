/**
 * @module config/build-config
 * Maps the validated variables onto the shape of `Config`. Pure and total: every value
 * here has already passed its field schema and the cross-variable rules.
 */
import type { EnvValues } from './schema.js';
import type { Config } from './types.js';

const BYTES_PER_MB = 1024 * 1024;

export function buildConfig(v: EnvValues, warnings: readonly string[]): Config {
  return {
    server: {
      port: v.PORT,
      host: v.HOST,
      maxBodyBytes: Math.floor(v.LYNKR_MAX_BODY_MB * BYTES_PER_MB),
      apiKeys: v.LYNKR_API_KEYS,
      allowUnauthenticated: v.LYNKR_ALLOW_UNAUTHENTICATED,
      shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
      dataDir: v.LYNKR_DATA_DIR,
      logLevel: v.LOG_LEVEL,
    },
    provider: v.MODEL_PROVIDER,
    fallback: {
      enabled: v.FALLBACK_PROVIDER !== undefined && v.FALLBACK_ENABLED !== false,
      provider: v.FALLBACK_PROVIDER,
    },
    providers: {
      ollama: {
        endpoint: v.OLLAMA_ENDPOINT,
        model: v.OLLAMA_MODEL,
        keepAlive: v.OLLAMA_KEEP_ALIVE,
        embeddingsModel: v.OLLAMA_EMBEDDINGS_MODEL,
        timeoutMs: v.OLLAMA_TIMEOUT_MS,
        numCtx: v.OLLAMA_NUM_CTX,
        numCtxMax: v.OLLAMA_NUM_CTX_MAX,
      },
      llamacpp: { endpoint: v.LLAMACPP_ENDPOINT, model: v.LLAMACPP_MODEL, apiKey: v.LLAMACPP_API_KEY },
      lmstudio: { endpoint: v.LMSTUDIO_ENDPOINT, model: v.LMSTUDIO_MODEL, apiKey: v.LMSTUDIO_API_KEY },
      openai: {
        endpoint: v.OPENAI_ENDPOINT,
        model: v.OPENAI_MODEL,
        apiKey: v.OPENAI_API_KEY,
        embeddingsModel: v.OPENAI_EMBEDDINGS_MODEL,
      },
      openrouter: {
        endpoint: v.OPENROUTER_ENDPOINT,
        model: v.OPENROUTER_MODEL,
        apiKey: v.OPENROUTER_API_KEY,
        embeddingsModel: v.OPENROUTER_EMBEDDINGS_MODEL,
      },
      azureOpenai: {
        endpoint: v.AZURE_OPENAI_ENDPOINT,
        apiKey: v.AZURE_OPENAI_API_KEY,
        deployment: v.AZURE_OPENAI_DEPLOYMENT,
        apiVersion: v.AZURE_OPENAI_API_VERSION,
      },
      anthropic: { endpoint: v.ANTHROPIC_ENDPOINT, apiKey: v.ANTHROPIC_API_KEY, model: v.ANTHROPIC_MODEL },
      azureAnthropic: {
        endpoint: v.AZURE_ANTHROPIC_ENDPOINT,
        apiKey: v.AZURE_ANTHROPIC_API_KEY,
        model: v.AZURE_ANTHROPIC_MODEL,
      },
      bedrock: {
        apiKey: v.AWS_BEDROCK_API_KEY,
        modelId: v.AWS_BEDROCK_MODEL_ID,
        region: v.AWS_BEDROCK_REGION ?? v.AWS_REGION ?? 'us-east-1',
        endpoint: v.AWS_BEDROCK_ENDPOINT,
      },
      databricks: {
        apiBase: v.DATABRICKS_API_BASE,
        apiKey: v.DATABRICKS_API_KEY,
        endpointPath: v.DATABRICKS_ENDPOINT_PATH,
        model: v.DATABRICKS_MODEL,
      },
    },
    routing: {
      // Null prototype: the router indexes it with any client model name ("constructor", "__proto__").
      modelMap: Object.assign(Object.create(null) as Record<string, string>, v.MODEL_MAP),
      modelSmall: v.MODEL_SMALL,
      modelLarge: v.MODEL_LARGE,
    },
    toolExecutionMode: 'client',
    policy: { toolLoopThreshold: v.POLICY_TOOL_LOOP_THRESHOLD },
    cache: {
      semanticEnabled: v.SEMANTIC_CACHE_ENABLED,
      semanticThreshold: v.SEMANTIC_CACHE_THRESHOLD,
      promptEnabled: v.PROMPT_CACHE_ENABLED,
      promptTtlMs: v.PROMPT_CACHE_TTL_MS,
    },
    embeddings: { provider: v.EMBEDDINGS_PROVIDER },
    timeouts: {
      connectMs: v.UPSTREAM_CONNECT_TIMEOUT_MS,
      firstByteMs: v.UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
      idleMs: v.STREAM_IDLE_TIMEOUT_MS,
      maxRetries: v.UPSTREAM_MAX_RETRIES,
      keepaliveIntervalMs: v.LYNKR_KEEPALIVE_INTERVAL_MS,
    },
    tokenOptimization: v.TOKEN_OPTIMIZATION,
    redisUrl: v.REDIS_URL,
    modelPriceOverrides: v.MODEL_PRICE_OVERRIDES,
    warnings: [...warnings],
  };
}
