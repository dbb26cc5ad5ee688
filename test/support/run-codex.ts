/**
 * @module test/support/run-codex
 * Runs the real Codex CLI (`node_modules/.bin/codex exec`) headless against a Responses base URL.
 *
 * What Codex 0.169.0 needs to run headless and offline (found by experiment, loopback only):
 * - Only `$CODEX_HOME/config.toml` with a custom provider (`wire_api = "responses"`); no login, no
 *   auth.json, no API key (without `env_key` it sends no Authorization header), no git repo with
 *   `--skip-git-repo-check`. Codex ignores OPENAI_BASE_URL, so the config file is the only way in.
 * - With a plain provider it calls nothing but `POST <base_url>/responses` (no /models, no WebSocket).
 *   A two-step tool run takes ≈0.6 s against a local mock.
 * - stdout carries only the final assistant message; the transcript and errors go to stderr, which
 *   always contains three harmless lines here: "Refusing to create helper binaries under temporary dir",
 *   "Reading additional input from stdin..." (stdin is /dev/null) and, for models missing from its
 *   bundled catalogue such as gpt-4o, "Model metadata for `gpt-4o` not found".
 * - Retries: `request_max_retries = 0` and `stream_max_retries = 1` make failures quick — a persistent
 *   500 or a cut stream costs two requests and exits 1 in ≈0.5 s ("Reconnecting... 1/1", then the error).
 *   The defaults (4 HTTP × 5 turn retries) would take ~30 s; override them with `provider`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hermeticEnv, runCli, withTempDir, type CliResult } from './run-cli.js';

const CODEX_BIN = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));

type TomlValue = string | number | boolean;

export interface RunCodexOptions {
  /** Base URL without `/v1`, e.g. the mock's or Lynkr's `url`; the provider's base_url is `<baseUrl>/v1`. */
  baseUrl: string;
  prompt: string;
  /** `model` in config.toml (default gpt-4o). */
  model?: string;
  /** Extra environment for the CLI (e.g. the variable named by a configured `env_key`). */
  env?: Record<string, string>;
  /**
   * TOML inserted after the top-level `model*` keys and before `[model_providers.lynkr]`, so it may hold
   * top-level keys (`model_context_window = 8000`) and tables of its own (`[projects."/x"]`).
   */
  extraConfig?: string;
  /** Keys added to or overriding `[model_providers.lynkr]`, e.g. `{ env_key: 'LYNKR_KEY', stream_max_retries: 3 }`. */
  provider?: Record<string, TomlValue>;
  /** Kill the CLI (whole process group) after this long; default 120 s. */
  timeoutMs?: number;
}

function tomlValue(value: TomlValue): string {
  // JSON string escapes are valid TOML basic-string escapes.
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The config.toml runCodex writes: the custom provider our docs recommend, with fast-failing retries. */
export function codexConfigToml({
  baseUrl,
  model = 'gpt-4o',
  extraConfig = '',
  provider = {},
}: Pick<RunCodexOptions, 'baseUrl' | 'model' | 'extraConfig' | 'provider'>): string {
  const providerKeys: Record<string, TomlValue> = {
    name: 'Lynkr Proxy',
    base_url: `${baseUrl.replace(/\/+$/, '')}/v1`,
    wire_api: 'responses',
    stream_idle_timeout_ms: 60000,
    request_max_retries: 0,
    stream_max_retries: 1,
    ...provider,
  };
  return [
    'model_provider = "lynkr"',
    `model = ${tomlValue(model)}`,
    extraConfig,
    '[model_providers.lynkr]',
    ...Object.entries(providerKeys).map(([key, value]) => `${key} = ${tomlValue(value)}`),
    '',
  ].join('\n');
}

/**
 * Runs `codex exec --skip-git-repo-check --sandbox danger-full-access <prompt>` in a temp working dir
 * with HOME at a temp dir and CODEX_HOME=<home>/.codex, stdin ignored, parent OPENAI_/ANTHROPIC_/
 * CODEX_/CLAUDE_ variables stripped; both dirs are removed afterwards.
 *
 * @example
 * const result = await runCodex({ baseUrl: upstream.url, prompt: 'run the check' });
 * assert.match(result.stdout, /FINAL: ok/);
 */
export async function runCodex({ baseUrl, prompt, model, env = {}, extraConfig, provider, timeoutMs = 120_000 }: RunCodexOptions): Promise<CliResult> {
  return withTempDir('lynkr-codex-home-', (home) =>
    withTempDir('lynkr-codex-cwd-', async (cwd) => {
      const codexHome = join(home, '.codex');
      await mkdir(codexHome, { recursive: true });
      await writeFile(join(codexHome, 'config.toml'), codexConfigToml({ baseUrl, model, extraConfig, provider }));
      return runCli({
        command: CODEX_BIN,
        args: ['exec', '--skip-git-repo-check', '--sandbox', 'danger-full-access', prompt],
        cwd,
        timeoutMs,
        env: hermeticEnv({ HOME: home, CODEX_HOME: codexHome, ...env }),
      });
    }),
  );
}
