/**
 * @module config/schema
 * The one schema of Lynkr's configuration: every environment variable it reads, with
 * its type, default and normalisation (design.md §4). The names are the ones existing
 * Lynkr users already have in their `.env`, so their files keep working. Rules that
 * involve several variables are in `check-rules.ts`; the shape of `Config` is built in
 * `build-config.ts`.
 */
import { z } from 'zod';
import {
  boolean,
  credential,
  credentialList,
  decimal,
  envField,
  httpUrl,
  integer,
  invalid,
  json,
  oneOf,
  text,
} from './env-fields.js';
import {
  ANTHROPIC_SUFFIXES,
  OLLAMA_SUFFIXES,
  OPENAI_SUFFIXES,
  normalizeBaseUrl,
  normalizeV1Root,
} from './endpoint-url.js';
import { describeBadModelRef, formatModelRef, parseModelMap, parseModelRef } from './model-ref.js';
import { EMBEDDINGS_PROVIDER_NAMES, LOG_LEVELS, PROVIDER_NAMES } from './types.js';

/** `HOST`: a host name or IP address to listen on; `[::1]` is accepted as `::1`. */
function host() {
  return envField((v) => {
    const value = (v ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1');
    return /[\s/]/.test(value) ? invalid('must be a host name or IP address, not a URL (e.g. 0.0.0.0)') : value;
  });
}

/** `provider:model` or `provider/model`, normalised to `provider:model`. */
function modelRef() {
  return envField((v) => {
    if (v === undefined) return undefined;
    const ref = parseModelRef(v);
    return ref ? formatModelRef(ref) : invalid(`must be provider:model, but ${describeBadModelRef(v)}`);
  });
}

function modelMap() {
  return envField((v) => {
    if (v === undefined) return {};
    const result = parseModelMap(v);
    return result.ok
      ? result.map
      : invalid(`must be comma-separated client-model=provider:model pairs or a JSON object: ${result.errors.join('; ')}`);
  });
}

/** Ollama's `keep_alive`: seconds (`300`, `-1`) or a Go duration (`24h`, `1h30m`). */
function ollamaKeepAlive() {
  return envField((v) =>
    v === undefined || /^-?\d+(\.\d+)?$/.test(v) || /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(v)
      ? v
      : invalid('must be a number of seconds (300, -1) or a duration such as 10m or 24h'),
  );
}

/** `TOOL_EXECUTION_MODE`: only `client` exists; the legacy values are accepted with a warning. */
function toolExecutionMode() {
  return envField((v) => {
    const mode = (v ?? 'client').toLowerCase();
    if (mode === 'client' || mode === 'server' || mode === 'passthrough') return mode;
    return invalid('must be client (tools always run in the client; server and passthrough are accepted for old .env files)');
  });
}

const modelPrices = z.record(z.string(), z.record(z.string(), z.number().nonnegative()));

const MS_MIN = { min: 1 } as const;

/** Every variable Lynkr reads, in the order problems are reported. */
export const ENV_SCHEMA = {
  // server
  PORT: integer({ default: 8081, min: 0, max: 65535 }),
  HOST: host(),
  LYNKR_MAX_BODY_MB: decimal({ default: 32, min: 0.001 }),
  LYNKR_API_KEYS: credentialList(),
  LYNKR_ALLOW_UNAUTHENTICATED: boolean(false),
  SHUTDOWN_GRACE_MS: integer({ default: 10_000, min: 0 }),
  LYNKR_DATA_DIR: text('./data'),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),

  // provider choice
  MODEL_PROVIDER: oneOf(PROVIDER_NAMES, 'ollama'),
  FALLBACK_PROVIDER: oneOf(PROVIDER_NAMES),
  FALLBACK_ENABLED: boolean(),

  // ollama
  OLLAMA_ENDPOINT: httpUrl({ default: 'http://localhost:11434', normalize: (u) => normalizeBaseUrl(u, OLLAMA_SUFFIXES) }),
  OLLAMA_MODEL: text('qwen2.5-coder:latest'),
  OLLAMA_KEEP_ALIVE: ollamaKeepAlive(),
  OLLAMA_EMBEDDINGS_MODEL: text(),
  OLLAMA_TIMEOUT_MS: integer(MS_MIN),
  OLLAMA_NUM_CTX: integer({ default: 16_384, min: 1 }),
  OLLAMA_NUM_CTX_MAX: integer({ default: 131_072, min: 1 }),

  // llama.cpp and LM Studio
  LLAMACPP_ENDPOINT: httpUrl({ default: 'http://localhost:8080', normalize: normalizeV1Root }),
  LLAMACPP_MODEL: text('default'),
  LLAMACPP_API_KEY: credential(),
  LMSTUDIO_ENDPOINT: httpUrl({ default: 'http://localhost:1234', normalize: normalizeV1Root }),
  LMSTUDIO_MODEL: text('default'),
  LMSTUDIO_API_KEY: credential(),

  // OpenAI and OpenRouter
  OPENAI_ENDPOINT: httpUrl({ default: 'https://api.openai.com/v1', normalize: (u) => normalizeBaseUrl(u, OPENAI_SUFFIXES) }),
  OPENAI_MODEL: text('gpt-4o'),
  OPENAI_API_KEY: credential(),
  OPENAI_EMBEDDINGS_MODEL: text(),
  OPENROUTER_ENDPOINT: httpUrl({
    default: 'https://openrouter.ai/api/v1',
    normalize: (u) => normalizeBaseUrl(u, OPENAI_SUFFIXES),
  }),
  OPENROUTER_MODEL: text('openai/gpt-4o-mini'),
  OPENROUTER_API_KEY: credential(),
  OPENROUTER_EMBEDDINGS_MODEL: text(),

  // Azure OpenAI: the endpoint stays exactly as given
  AZURE_OPENAI_ENDPOINT: httpUrl(),
  AZURE_OPENAI_API_KEY: credential(),
  AZURE_OPENAI_DEPLOYMENT: text(),
  AZURE_OPENAI_API_VERSION: text('2025-04-01-preview'),

  // Anthropic and Azure Anthropic
  ANTHROPIC_ENDPOINT: httpUrl({ default: 'https://api.anthropic.com', normalize: (u) => normalizeBaseUrl(u, ANTHROPIC_SUFFIXES) }),
  ANTHROPIC_API_KEY: credential(),
  ANTHROPIC_MODEL: text('claude-sonnet-4-5'),
  AZURE_ANTHROPIC_ENDPOINT: httpUrl(),
  AZURE_ANTHROPIC_API_KEY: credential(),
  AZURE_ANTHROPIC_MODEL: text('claude-sonnet-4-5'),

  // Bedrock: without an API key the adapter uses the AWS credential chain
  AWS_BEDROCK_API_KEY: credential(),
  AWS_BEDROCK_MODEL_ID: text('anthropic.claude-3-5-sonnet-20241022-v2:0'),
  AWS_BEDROCK_REGION: text(),
  AWS_REGION: text(),
  AWS_BEDROCK_ENDPOINT: httpUrl({ normalize: (u) => normalizeBaseUrl(u, []) }),

  // Databricks
  DATABRICKS_API_BASE: httpUrl({ normalize: (u) => normalizeBaseUrl(u, []) }),
  DATABRICKS_API_KEY: credential(),
  DATABRICKS_ENDPOINT_PATH: text(),
  DATABRICKS_MODEL: text(),

  // routing (design.md §5)
  MODEL_MAP: modelMap(),
  MODEL_SMALL: modelRef(),
  MODEL_LARGE: modelRef(),

  // pipeline
  TOOL_EXECUTION_MODE: toolExecutionMode(),
  POLICY_TOOL_LOOP_THRESHOLD: integer({ default: 15, min: 1 }),
  SEMANTIC_CACHE_ENABLED: boolean(false),
  SEMANTIC_CACHE_THRESHOLD: decimal({ default: 0.95, min: 0, max: 1 }),
  PROMPT_CACHE_ENABLED: boolean(true),
  PROMPT_CACHE_TTL_MS: integer({ default: 3_600_000, ...MS_MIN }),
  EMBEDDINGS_PROVIDER: oneOf(EMBEDDINGS_PROVIDER_NAMES, 'ollama'),
  // `off`/`false`/`0` (or no) switch it off; on by default
  TOKEN_OPTIMIZATION: boolean(true),

  // time limits: generous, local models can take minutes before the first token
  UPSTREAM_CONNECT_TIMEOUT_MS: integer({ default: 10_000, ...MS_MIN }),
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS: integer({ default: 600_000, ...MS_MIN }),
  STREAM_IDLE_TIMEOUT_MS: integer({ default: 300_000, ...MS_MIN }),
  UPSTREAM_MAX_RETRIES: integer({ default: 2, min: 0 }),
  LYNKR_KEEPALIVE_INTERVAL_MS: integer({ default: 15_000, ...MS_MIN }),

  // shared state and prices
  REDIS_URL: envField((v) =>
    v === undefined || /^rediss?:\/\/./i.test(v) ? v : invalid('must be a redis:// or rediss:// URL'),
  ),
  MODEL_PRICE_OVERRIDES: json(modelPrices, 'a JSON object such as {"my-model":{"input":1.5,"output":6}} (USD per million tokens)'),
} as const;

export type EnvName = keyof typeof ENV_SCHEMA;

/** The typed value of every variable after its own field schema. */
export type EnvValues = { [K in EnvName]: z.output<(typeof ENV_SCHEMA)[K]> };

/** Every variable name the schema reads. */
export const ENV_NAMES = Object.keys(ENV_SCHEMA) as EnvName[];
