/**
 * @module test/support/run-claude
 * Runs the real Claude Code CLI (`node_modules/.bin/claude -p`) headless against a base URL.
 *
 * What Claude Code 2.1.197 needs to run headless and offline (found by experiment, loopback only):
 * - Nothing beyond `-p`, ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY: no `.claude.json`, onboarding flags
 *   or login. With an empty HOME it creates `~/.claude.json` and `~/.claude/` itself. `--allowedTools Bash`
 *   lets the Bash tool run without a permission prompt.
 * - It sends `HEAD /` first, then `POST /v1/messages?beta=true` (stream:true) with `x-api-key: dummy`,
 *   `anthropic-version: 2023-06-01` and `anthropic-beta: claude-code-20250219,…`. A two-step tool run
 *   takes ≈0.6 s against a local mock.
 * - CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 stops the telemetry attempts (without it, failed events
 *   pile up in `~/.claude/telemetry/`; runs are not slower offline). DISABLE_AUTOUPDATER=1 is belt and braces.
 * - Retries: by default Claude Code retries 5xx/429/529 up to 10 times with exponential backoff
 *   (observed gaps 0.5, 1.2, 2.5, 5, 9, 18, 36 s…), so a persistent 500 takes minutes. This runner
 *   therefore sets CLAUDE_CODE_MAX_RETRIES=1 (one retry, ≈1.1 s for a persistent 500); pass
 *   `env: { CLAUDE_CODE_MAX_RETRIES: '…' }` to test retry behaviour. With 0, the first error is final.
 * - A stream cut before `message_delta` makes Claude Code repeat the turn once without `stream`
 *   (the non-streaming fallback), then continue streaming.
 * - stdout carries only the final assistant text; errors appear on stdout as "API Error: <status> <message>…"
 *   with exit code 1.
 */
import { fileURLToPath } from 'node:url';
import { hermeticEnv, runCli, withTempDir, type CliResult } from './run-cli.js';

const CLAUDE_BIN = fileURLToPath(new URL('../../node_modules/.bin/claude', import.meta.url));

export interface RunClaudeOptions {
  /** Anthropic-compatible base URL without `/v1`, e.g. the mock's or Lynkr's `url`. */
  baseUrl: string;
  prompt: string;
  /** Sets ANTHROPIC_MODEL (sent verbatim as `model`); Claude Code's default is claude-opus-4-8. */
  model?: string;
  /** Extra environment; overrides the defaults above (e.g. CLAUDE_CODE_MAX_RETRIES). */
  env?: Record<string, string>;
  /** Kill the CLI (whole process group) after this long; default 120 s. */
  timeoutMs?: number;
}

/**
 * Runs `claude -p <prompt> --allowedTools Bash` in a temp working dir with a temp HOME, stdin ignored,
 * parent OPENAI_/ANTHROPIC_/CLAUDE_/CODEX_ variables stripped; both dirs are removed afterwards.
 *
 * @example
 * const result = await runClaude({ baseUrl: upstream.url, prompt: 'run the check' });
 * assert.equal(result.code, 0);
 */
export async function runClaude({ baseUrl, prompt, model, env = {}, timeoutMs = 120_000 }: RunClaudeOptions): Promise<CliResult> {
  return withTempDir('lynkr-claude-home-', (home) =>
    withTempDir('lynkr-claude-cwd-', (cwd) =>
      runCli({
        command: CLAUDE_BIN,
        args: ['-p', prompt, '--allowedTools', 'Bash'],
        cwd,
        timeoutMs,
        env: hermeticEnv({
          HOME: home,
          ANTHROPIC_BASE_URL: baseUrl,
          ANTHROPIC_API_KEY: 'dummy',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
          CLAUDE_CODE_MAX_RETRIES: '1',
          ...(model ? { ANTHROPIC_MODEL: model } : {}),
          ...env,
        }),
      }),
    ),
  );
}
