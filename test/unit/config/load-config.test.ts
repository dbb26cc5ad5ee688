/**
 * loadConfig: defaults, every problem in one error, secrets never printed, legacy
 * values still accepted, remote-access guard, freezing and `.env` merging.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../../../src/config/index.js';

function load(env: Record<string, string | undefined>): Config {
  return loadConfig(env, { dotenvPath: false });
}

/** Runs `fn`, asserts it throws a ConfigError, and returns it. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    load(env);
  } catch (err) {
    assert.ok(ConfigError.isInstance(err), `expected ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected loadConfig to throw');
}

const HOST_GUIDANCE = 'set LYNKR_API_KEYS=<key1,key2> or LYNKR_ALLOW_UNAUTHENTICATED=true';

test('an empty environment gives the documented defaults', () => {
  const config = load({});
  assert.equal(config.server.port, 8081);
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.server.maxBodyBytes, 32 * 1024 * 1024);
  assert.deepEqual(config.server.apiKeys, []);
  assert.equal(config.server.allowUnauthenticated, false);
  assert.equal(config.server.shutdownGraceMs, 10_000);
  assert.equal(config.server.dataDir, './data');
  assert.equal(config.server.logLevel, 'info');
  assert.equal(config.provider, 'ollama');
  assert.deepEqual(config.fallback, { enabled: false });
  assert.deepEqual(config.providers.ollama, {
    endpoint: 'http://localhost:11434',
    model: 'qwen2.5-coder:latest',
    numCtx: 16_384,
    numCtxMax: 131_072,
  });
  assert.equal(config.providers.llamacpp.endpoint, 'http://localhost:8080/v1');
  assert.equal(config.providers.lmstudio.endpoint, 'http://localhost:1234/v1');
  assert.equal(config.providers.openai.endpoint, 'https://api.openai.com/v1');
  assert.equal(config.providers.openai.model, 'gpt-4o');
  assert.equal(config.providers.openrouter.endpoint, 'https://openrouter.ai/api/v1');
  assert.equal(config.providers.anthropic.endpoint, 'https://api.anthropic.com');
  assert.equal(config.providers.anthropic.model, 'claude-sonnet-4-5');
  assert.equal(config.providers.azureOpenai.apiVersion, '2025-04-01-preview');
  assert.equal(config.providers.bedrock.region, 'us-east-1');
  assert.deepEqual({ ...config.routing.modelMap }, {});
  assert.equal(config.routing.modelSmall, undefined);
  assert.equal(config.toolExecutionMode, 'client');
  assert.equal(config.policy.toolLoopThreshold, 15);
  assert.deepEqual(config.cache, { semanticEnabled: false, semanticThreshold: 0.95, promptEnabled: true, promptTtlMs: 3_600_000 });
  assert.equal(config.embeddings.provider, 'ollama');
  assert.deepEqual(config.timeouts, {
    connectMs: 10_000,
    firstByteMs: 600_000,
    idleMs: 300_000,
    maxRetries: 2,
    keepaliveIntervalMs: 15_000,
  });
  assert.equal(config.tokenOptimization, true);
  assert.equal(config.redisUrl, undefined);
  assert.deepEqual(config.warnings, []);
});

test('blank values count as unset', () => {
  const config = load({ PORT: '', HOST: '   ', OLLAMA_MODEL: '', MODEL_PROVIDER: ' ' });
  assert.equal(config.server.port, 8081);
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.providers.ollama.model, 'qwen2.5-coder:latest');
  assert.equal(config.provider, 'ollama');
});

test('values are trimmed, parsed and typed', () => {
  const config = load({
    PORT: ' 9000 ',
    LYNKR_MAX_BODY_MB: '1',
    LOG_LEVEL: 'DEBUG',
    MODEL_PROVIDER: 'Azure-OpenAI',
    AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/openai/responses?api-version=2025-04-01-preview',
    AZURE_OPENAI_API_KEY: 'azure-key-1',
    LYNKR_API_KEYS: ' k-one , ,k-two,',
    OLLAMA_KEEP_ALIVE: '24h',
    SEMANTIC_CACHE_ENABLED: 'YES',
    SEMANTIC_CACHE_THRESHOLD: '0.9',
    AWS_REGION: 'eu-west-1',
  });
  assert.equal(config.server.port, 9000);
  assert.equal(config.server.maxBodyBytes, 1024 * 1024);
  assert.equal(config.server.logLevel, 'debug');
  assert.equal(config.provider, 'azure-openai');
  // Azure keeps the full URL: the adapter reads the API flavour and version from it.
  assert.equal(config.providers.azureOpenai.endpoint, 'https://res.openai.azure.com/openai/responses?api-version=2025-04-01-preview');
  assert.deepEqual(config.server.apiKeys, ['k-one', 'k-two']);
  assert.equal(config.providers.ollama.keepAlive, '24h');
  assert.equal(config.cache.semanticEnabled, true);
  assert.equal(config.cache.semanticThreshold, 0.9);
  assert.equal(config.providers.bedrock.region, 'eu-west-1');
  assert.equal(load({ AWS_REGION: 'eu-west-1', AWS_BEDROCK_REGION: 'us-west-2' }).providers.bedrock.region, 'us-west-2');
});

test('several problems are reported in one error, each by variable name', () => {
  const err = configError({
    PORT: 'eighty',
    LOG_LEVEL: 'verbose',
    MODEL_PROVIDER: 'gemini',
    SEMANTIC_CACHE_ENABLED: 'maybe',
    POLICY_TOOL_LOOP_THRESHOLD: '0',
    OLLAMA_ENDPOINT: 'localhost:11434',
  });
  assert.equal(err.code, 'LYNKR_CONFIG_INVALID');
  assert.deepEqual(
    err.problems.map((p) => p.variable).sort(),
    ['LOG_LEVEL', 'MODEL_PROVIDER', 'OLLAMA_ENDPOINT', 'POLICY_TOOL_LOOP_THRESHOLD', 'PORT', 'SEMANTIC_CACHE_ENABLED'],
  );
  assert.match(err.message, /6 problems/);
  assert.match(err.message, /PORT: must be a whole number from 0 to 65535 \(got "eighty"\)/);
  assert.match(err.message, /LOG_LEVEL: must be one of: fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/);
  assert.match(err.message, /MODEL_PROVIDER: must be one of: ollama, llamacpp, lmstudio, openai, openrouter, azure-openai, azure-anthropic, anthropic, bedrock, databricks \(got "gemini"\)/);
  assert.match(err.message, /SEMANTIC_CACHE_ENABLED: must be true or false .* \(got "maybe"\)/);
  assert.match(err.message, /POLICY_TOOL_LOOP_THRESHOLD: must be a whole number of at least 1 \(got "0"\)/);
  assert.match(err.message, /OLLAMA_ENDPOINT: must be an http:\/\/ or https:\/\/ URL \(got "localhost:11434"\)/);
});

test('numbers must be whole where required and inside their range', () => {
  for (const [name, value] of [
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['PORT', '-1'],
    ['UPSTREAM_MAX_RETRIES', '1e3'],
    ['SHUTDOWN_GRACE_MS', '10s'],
    ['SEMANTIC_CACHE_THRESHOLD', '1.5'],
    ['LYNKR_MAX_BODY_MB', '0'],
  ] as const) {
    const err = configError({ [name]: value });
    assert.deepEqual(err.problems.map((p) => p.variable), [name], `${name}=${value}`);
  }
  assert.equal(load({ PORT: '0' }).server.port, 0);
});

test('secrets never appear in error messages', () => {
  const key = 'sk-proj-VERY secret-1234567890';
  const err = configError({ PORT: 'nope', MODEL_PROVIDER: 'openai', OPENAI_API_KEY: key, LYNKR_API_KEYS: 'good-key,bad key' });
  assert.deepEqual(err.problems.map((p) => p.variable).sort(), ['LYNKR_API_KEYS', 'OPENAI_API_KEY', 'PORT']);
  assert.match(err.message, /OPENAI_API_KEY: .* \(got "\*\*\*"\)/);
  assert.match(err.message, /LYNKR_API_KEYS: .* \(got "\*\*\*"\)/);
  const printed = `${err.message}\n${JSON.stringify(err.problems)}\n${err.stack}`;
  for (const secret of [key, 'VERY secret', 'good-key', 'bad key']) assert.ok(!printed.includes(secret), secret);
});

test('a secret pasted into a non-secret variable is still scrubbed from the message', () => {
  const err = configError({ OPENAI_API_KEY: 'sk-leaky-0123456789', PORT: 'sk-leaky-0123456789' });
  assert.ok(!err.message.includes('sk-leaky-0123456789'));
  assert.match(err.message, /PORT: .* \(got "\*\*\*"\)/);
});

test('the chosen provider must have its credentials', () => {
  const cases: Array<[string, string[]]> = [
    ['openai', ['OPENAI_API_KEY']],
    ['openrouter', ['OPENROUTER_API_KEY']],
    ['azure-openai', ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT']],
    ['anthropic', ['ANTHROPIC_API_KEY']],
    ['azure-anthropic', ['AZURE_ANTHROPIC_API_KEY', 'AZURE_ANTHROPIC_ENDPOINT']],
    ['databricks', ['DATABRICKS_API_BASE', 'DATABRICKS_API_KEY']],
  ];
  for (const [provider, missing] of cases) {
    const err = configError({ MODEL_PROVIDER: provider });
    assert.deepEqual(err.problems.map((p) => p.variable).sort(), missing, provider);
    assert.match(err.message, new RegExp(`is required by MODEL_PROVIDER=${provider}`));
  }
  for (const provider of ['ollama', 'llamacpp', 'lmstudio', 'bedrock']) {
    assert.equal(load({ MODEL_PROVIDER: provider }).provider, provider);
  }
});

test('the fallback provider must have its credentials too, unless fallback is disabled', () => {
  const err = configError({ FALLBACK_PROVIDER: 'anthropic' });
  assert.deepEqual(err.problems.map((p) => p.variable), ['ANTHROPIC_API_KEY']);
  assert.match(err.message, /ANTHROPIC_API_KEY: is required by FALLBACK_PROVIDER=anthropic/);

  const on = load({ FALLBACK_PROVIDER: 'Anthropic', ANTHROPIC_API_KEY: 'sk-ant-1234' });
  assert.deepEqual(on.fallback, { enabled: true, provider: 'anthropic' });
  const off = load({ FALLBACK_PROVIDER: 'anthropic', FALLBACK_ENABLED: 'false' });
  assert.deepEqual(off.fallback, { enabled: false, provider: 'anthropic' });
});

test('FALLBACK_ENABLED=true without a provider warns instead of failing (old .env files have it)', () => {
  const config = load({ FALLBACK_ENABLED: 'true' });
  assert.equal(config.fallback.enabled, false);
  assert.match(config.warnings.join('\n'), /FALLBACK_ENABLED=true has no effect without FALLBACK_PROVIDER/);
});

test('one missing key used by several settings is reported once, naming every user', () => {
  const err = configError({
    MODEL_PROVIDER: 'openai',
    MODEL_MAP: 'gpt-4o=openai:gpt-4o,o3=openai:o3',
    MODEL_SMALL: 'openai:gpt-4o-mini',
    EMBEDDINGS_PROVIDER: 'openai',
  });
  assert.deepEqual(err.problems.map((p) => p.variable), ['OPENAI_API_KEY']);
  assert.match(
    err.message,
    /OPENAI_API_KEY: is required by MODEL_PROVIDER=openai, MODEL_MAP \(gpt-4o, o3\), MODEL_SMALL=openai:gpt-4o-mini, EMBEDDINGS_PROVIDER=openai/,
  );
});

test('legacy full-URL endpoints from old .env files are normalised to base URLs', () => {
  const config = load({
    OPENAI_ENDPOINT: 'https://api.openai.com/v1/chat/completions',
    OPENROUTER_ENDPOINT: 'https://openrouter.ai/api/v1/chat/completions',
    OLLAMA_ENDPOINT: 'http://localhost:11434/api/chat',
    LLAMACPP_ENDPOINT: 'http://gpu-box:8080/v1/chat/completions',
    LMSTUDIO_ENDPOINT: 'http://localhost:1234/',
    ANTHROPIC_ENDPOINT: 'https://api.anthropic.com/v1/messages',
    DATABRICKS_API_BASE: 'https://dbc-123.cloud.databricks.com/',
  });
  assert.equal(config.providers.openai.endpoint, 'https://api.openai.com/v1');
  assert.equal(config.providers.openrouter.endpoint, 'https://openrouter.ai/api/v1');
  assert.equal(config.providers.ollama.endpoint, 'http://localhost:11434');
  assert.equal(config.providers.llamacpp.endpoint, 'http://gpu-box:8080/v1');
  assert.equal(config.providers.lmstudio.endpoint, 'http://localhost:1234/v1');
  assert.equal(config.providers.anthropic.endpoint, 'https://api.anthropic.com');
  assert.equal(config.providers.databricks.apiBase, 'https://dbc-123.cloud.databricks.com');
});

test('MODEL_MAP accepts comma-separated pairs', () => {
  const config = load({
    MODEL_MAP: 'gpt-4o=ollama:qwen2.5-coder:7b, gpt-4o-mini = OpenRouter/openai/gpt-4o-mini,',
    OPENROUTER_API_KEY: 'sk-or-1234',
    MODEL_SMALL: 'ollama:qwen2.5-coder:1.5b',
    MODEL_LARGE: 'ollama/qwen2.5-coder:32b',
  });
  assert.deepEqual({ ...config.routing.modelMap }, {
    'gpt-4o': 'ollama:qwen2.5-coder:7b',
    'gpt-4o-mini': 'openrouter:openai/gpt-4o-mini',
  });
  assert.equal(config.routing.modelSmall, 'ollama:qwen2.5-coder:1.5b');
  assert.equal(config.routing.modelLarge, 'ollama:qwen2.5-coder:32b');
});

test('MODEL_MAP can be indexed with any client model name', () => {
  const { modelMap } = load({ MODEL_MAP: 'gpt-4o=ollama:qwen3:8b,__proto__=ollama:odd' }).routing;
  assert.equal(modelMap['constructor'], undefined);
  assert.equal(modelMap['toString'], undefined);
  assert.equal(modelMap['__proto__'], 'ollama:odd');
  assert.equal(modelMap['gpt-4o'], 'ollama:qwen3:8b');
});

test('MODEL_MAP accepts a JSON object', () => {
  const config = load({ MODEL_MAP: '{"claude-sonnet-4-5": "ollama:qwen3:30b", "gpt-5": "llamacpp:default"}' });
  assert.deepEqual({ ...config.routing.modelMap }, { 'claude-sonnet-4-5': 'ollama:qwen3:30b', 'gpt-5': 'llamacpp:default' });
});

test('a bad MODEL_MAP, MODEL_SMALL or MODEL_LARGE is a problem naming the variable', () => {
  const err = configError({
    MODEL_MAP: 'gpt-4o=qwen2.5-coder:7b,broken',
    MODEL_SMALL: 'gemini:flash',
    MODEL_LARGE: 'ollama:',
  });
  assert.deepEqual(err.problems.map((p) => p.variable), ['MODEL_MAP', 'MODEL_SMALL', 'MODEL_LARGE']);
  assert.match(err.message, /entry "broken" is not client-model=provider:model/);
  assert.match(err.message, /"qwen2.5-coder:7b" names unknown provider "qwen2.5-coder" \(valid: ollama, /);
  assert.match(configError({ MODEL_MAP: '{"gpt-4o": ' }).message, /MODEL_MAP: .*is not valid JSON/);
  assert.match(configError({ MODEL_MAP: '{"gpt-4o": 42}' }).message, /target of "gpt-4o" must be a "provider:model" string/);
});

test('a non-loopback HOST without client keys is refused with the exact guidance', () => {
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'lynkr.internal']) {
    const err = configError({ HOST: host });
    assert.deepEqual(err.problems.map((p) => p.variable), ['HOST'], host);
    assert.ok(err.message.includes(HOST_GUIDANCE), err.message);
    assert.ok(err.message.includes(`(got ${JSON.stringify(host)})`), err.message);
  }
});

test('a non-loopback HOST is allowed with LYNKR_API_KEYS or LYNKR_ALLOW_UNAUTHENTICATED=true', () => {
  const keyed = load({ HOST: '0.0.0.0', LYNKR_API_KEYS: 'team-key-1,team-key-2' });
  assert.deepEqual(keyed.server.apiKeys, ['team-key-1', 'team-key-2']);
  assert.deepEqual(keyed.warnings, []);

  const open = load({ HOST: '0.0.0.0', LYNKR_ALLOW_UNAUTHENTICATED: 'true' });
  assert.equal(open.server.allowUnauthenticated, true);
  assert.match(open.warnings.join('\n'), /accepts clients without a key/);
});

test('loopback hosts need no keys', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) {
    assert.doesNotThrow(() => load({ HOST: host }), host);
  }
  assert.equal(load({ HOST: '[::1]' }).server.host, '::1');
  assert.deepEqual(configError({ HOST: 'http://0.0.0.0:8081' }).problems.map((p) => p.variable), ['HOST']);
});

test('the config is deep-frozen: assignment throws in strict mode', () => {
  const config = load({ LYNKR_API_KEYS: 'k-1234' });
  const mutable = config as unknown as Record<string, any>;
  assert.ok(Object.isFrozen(config));
  assert.throws(() => {
    mutable.provider = 'openai';
  }, TypeError);
  assert.throws(() => {
    mutable.server.port = 1;
  }, TypeError);
  assert.throws(() => {
    mutable.server.apiKeys.push('another');
  }, TypeError);
  assert.throws(() => {
    mutable.providers.ollama.model = 'x';
  }, TypeError);
  assert.throws(() => {
    mutable.routing.modelMap['gpt-4o'] = 'ollama:x';
  }, TypeError);
  assert.throws(() => {
    mutable.warnings.push('x');
  }, TypeError);
});

test('the .env file is merged under the real environment, which wins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lynkr-config-'));
  try {
    const file = join(dir, '.env');
    writeFileSync(
      file,
      [
        '# an older Lynkr .env',
        'PORT=9090',
        'OLLAMA_MODEL="llama3.1:8b"',
        'OPENAI_ENDPOINT=https://api.openai.com/v1/chat/completions',
        'LOG_LEVEL=warn',
        'TOOL_EXECUTION_MODE=server',
        'OLLAMA_KEEP_ALIVE=-1',
        '',
      ].join('\n'),
    );
    const before = { ...process.env };
    const env = { PORT: '7070', LOG_LEVEL: '', HOME: '/home/someone' };
    const config = loadConfig(env, { dotenvPath: file });
    assert.equal(config.server.port, 7070, 'the real environment wins');
    assert.equal(config.server.logLevel, 'warn', 'a blank real variable does not hide the file value');
    assert.equal(config.providers.ollama.model, 'llama3.1:8b');
    assert.equal(config.providers.ollama.keepAlive, '-1');
    assert.equal(config.providers.openai.endpoint, 'https://api.openai.com/v1');
    assert.equal(config.toolExecutionMode, 'client');
    assert.match(config.warnings.join('\n'), /TOOL_EXECUTION_MODE=server is ignored: only client mode exists/);
    assert.deepEqual({ ...process.env }, before, 'process.env is not modified');
    assert.deepEqual(env, { PORT: '7070', LOG_LEVEL: '', HOME: '/home/someone' }, 'the given env is not modified');

    // A missing file is fine; the default path is .env in the working directory.
    assert.equal(loadConfig({}, { dotenvPath: join(dir, 'absent.env') }).server.port, 8081);
    // Problems in the file are reported like any other.
    writeFileSync(file, 'PORT=abc\nOPENAI_API_KEY=sk-from-file 123\nMODEL_PROVIDER=openai\n');
    const err = (() => {
      try {
        loadConfig({}, { dotenvPath: file });
      } catch (e) {
        return e as ConfigError;
      }
      return assert.fail('expected a ConfigError');
    })();
    assert.deepEqual(err.problems.map((p) => p.variable), ['PORT', 'OPENAI_API_KEY']);
    assert.ok(!err.message.includes('sk-from-file'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('TOOL_EXECUTION_MODE accepts client and the legacy values, nothing else', () => {
  assert.deepEqual(load({ TOOL_EXECUTION_MODE: 'client' }).warnings, []);
  assert.equal(load({ TOOL_EXECUTION_MODE: 'Passthrough' }).toolExecutionMode, 'client');
  assert.equal(load({ TOOL_EXECUTION_MODE: 'passthrough' }).warnings.length, 1);
  assert.deepEqual(configError({ TOOL_EXECUTION_MODE: 'local' }).problems.map((p) => p.variable), ['TOOL_EXECUTION_MODE']);
});

test('TOKEN_OPTIMIZATION: off/false/0 switch it off; on/true/1/unset keep it on', () => {
  for (const value of ['off', 'false', '0', 'OFF', 'no']) assert.equal(load({ TOKEN_OPTIMIZATION: value }).tokenOptimization, false, value);
  for (const value of ['on', 'true', '1', 'On', undefined, '']) assert.equal(load({ TOKEN_OPTIMIZATION: value }).tokenOptimization, true, String(value));
  const err = configError({ TOKEN_OPTIMIZATION: 'aggressive' });
  assert.deepEqual(err.problems.map((p) => p.variable), ['TOKEN_OPTIMIZATION']);
});

test('booleans accept true/false/1/0/yes/no/on/off in any case, anything else names the variable', () => {
  for (const [value, expected] of [['TRUE', true], ['Yes', true], ['on', true], ['1', true], ['False', false], ['NO', false], ['off', false], ['0', false]] as const) {
    assert.equal(load({ PROMPT_CACHE_ENABLED: value }).cache.promptEnabled, expected, value);
  }
  const err = configError({ PROMPT_CACHE_ENABLED: 'enabled' });
  assert.match(err.message, /PROMPT_CACHE_ENABLED: must be true or false \(also accepted: 1\/0, yes\/no, on\/off\) \(got "enabled"\)/);
});

test('OLLAMA_NUM_CTX_MAX must be at least OLLAMA_NUM_CTX', () => {
  assert.deepEqual(configError({ OLLAMA_NUM_CTX: '8192', OLLAMA_NUM_CTX_MAX: '4096' }).problems.map((p) => p.variable), ['OLLAMA_NUM_CTX_MAX']);
  assert.deepEqual(configError({ OLLAMA_NUM_CTX: '200000' }).problems.map((p) => p.variable), ['OLLAMA_NUM_CTX']);
  assert.equal(load({ OLLAMA_NUM_CTX: '32768', OLLAMA_NUM_CTX_MAX: '32768' }).providers.ollama.numCtxMax, 32_768);
});

test('JSON settings and URLs are checked', () => {
  const prices = load({ MODEL_PRICE_OVERRIDES: '{"my-model":{"input":1.5,"output":6}}' });
  assert.deepEqual(prices.modelPriceOverrides, { 'my-model': { input: 1.5, output: 6 } });
  const err = configError({
    MODEL_PRICE_OVERRIDES: '{not json',
    REDIS_URL: 'localhost:6379',
    AZURE_OPENAI_ENDPOINT: 'res.openai.azure.com',
    OLLAMA_KEEP_ALIVE: '24 hours',
  });
  assert.deepEqual(err.problems.map((p) => p.variable), ['OLLAMA_KEEP_ALIVE', 'AZURE_OPENAI_ENDPOINT', 'REDIS_URL', 'MODEL_PRICE_OVERRIDES']);
  assert.match(err.message, /MODEL_PRICE_OVERRIDES: is not valid JSON/);
  assert.match(err.message, /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL \(got "\*\*\*"\)/);
  assert.equal(load({ REDIS_URL: 'redis://:pw@cache:6379/0' }).redisUrl, 'redis://:pw@cache:6379/0');
});

test('a misspelt LYNKR_ variable is pointed out', () => {
  const err = configError({ HOST: '0.0.0.0', LYNKR_API_KEY: 'my-key-123' });
  assert.match(err.message, /LYNKR_API_KEY is not a Lynkr setting and is ignored \(did you mean LYNKR_API_KEYS\?\)/);
  assert.ok(err.message.includes(HOST_GUIDANCE));
});
