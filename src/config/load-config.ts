/**
 * @module config/load-config
 * Reads the configuration once at start-up: the `.env` file of the working directory
 * merged under the real environment, every variable checked against `ENV_SCHEMA`, then
 * the cross-variable rules. All problems are collected and thrown together as one
 * `ConfigError` (fastify's initial-config-validation); on success the result is
 * deep-frozen and injected wherever it is needed — nothing else reads `process.env`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { buildConfig } from './build-config.js';
import { checkRules, type RuleContext } from './check-rules.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import type { EnvField } from './env-fields.js';
import { REDACTED, isSecretEnvName, redactSecrets } from './redact.js';
import { ENV_NAMES, ENV_SCHEMA, type EnvName, type EnvValues } from './schema.js';
import type { Config } from './types.js';

export interface LoadConfigOptions {
  /**
   * The `.env` file merged under `env`: a path, or `false` for none.
   * Default: `.env` in the working directory (a missing file is fine).
   */
  dotenvPath?: string | false;
}

type RawEnv = Readonly<Record<string, string | undefined>>;

const MAX_SHOWN = 120;

/**
 * Parses and validates the configuration. Throws `ConfigError` listing every problem.
 * Real environment variables win over the `.env` file; blank values count as unset
 * (so a blank variable in the environment does not hide the file's value).
 * `process.env` is never modified.
 *
 * @example
 * const config = loadConfig(process.env)                       // reads ./.env too
 * const config = loadConfig({ PORT: '0' }, { dotenvPath: false }) // tests
 */
export function loadConfig(env: RawEnv, options: LoadConfigOptions = {}): Config {
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];
  const dotenvPath = options.dotenvPath === undefined ? resolve(process.cwd(), '.env') : options.dotenvPath;
  const raw = mergeEnv(readDotenv(dotenvPath, problems), env);

  const values: Partial<Record<EnvName, unknown>> = {};
  const refused = new Set<EnvName>();
  const report = (variable: EnvName, message: string): void => {
    problems.push({ variable, message, ...received(variable, raw[variable]) });
  };
  for (const name of ENV_NAMES) {
    const result = (ENV_SCHEMA[name] as EnvField<unknown>).safeParse(raw[name]);
    if (result.success) {
      values[name] = result.data;
    } else {
      refused.add(name);
      for (const issue of result.error.issues) report(name, issue.message);
    }
  }

  const ctx: RuleContext = {
    get: <K extends EnvName>(name: K) => (refused.has(name) ? undefined : (values[name] as EnvValues[K])),
    isInvalid: (name) => refused.has(name),
    isSet: (name) => (raw[name] ?? '').trim() !== '',
    problem: report,
    warning: (text) => warnings.push(text),
  };
  checkRules(ctx);
  warnings.push(...unknownLynkrVariables(raw));

  if (problems.length > 0) {
    const secrets = envSecrets(raw);
    throw new ConfigError(problems, { warnings, redact: (text) => redactSecrets(text, secrets) });
  }
  return deepFreeze(buildConfig(values as EnvValues, warnings));
}

function readDotenv(path: string | false, problems: ConfigProblem[]): Record<string, string> {
  if (path === false) return {};
  try {
    return dotenv.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    problems.push({ variable: path, message: `the .env file could not be read (${code ?? (err as Error).message})` });
    return {};
  }
}

/** The file's values, overridden by every non-blank real environment variable. */
function mergeEnv(file: RawEnv, env: RawEnv): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...file };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') merged[name] = value;
  }
  return merged;
}

/** The value to show after a problem: secrets as `***`, long values shortened. */
function received(name: EnvName, value: string | undefined): { received?: string } {
  const trimmed = value?.trim();
  if (!trimmed) return {};
  if (isSecretEnvName(name)) return { received: REDACTED };
  return { received: trimmed.length > MAX_SHOWN ? `${trimmed.slice(0, MAX_SHOWN)}…` : trimmed };
}

/** Secret values present in the environment, to scrub from messages as a second line of defence. */
function envSecrets(raw: RawEnv): string[] {
  return ENV_NAMES.filter(isSecretEnvName).flatMap((name) => {
    const value = raw[name]?.trim();
    return value ? [value, ...value.split(',').map((part) => part.trim())] : [];
  });
}

/** A misspelt `LYNKR_*` variable (`LYNKR_API_KEY`) would silently do nothing: say so. */
function unknownLynkrVariables(raw: RawEnv): string[] {
  const known = ENV_NAMES.filter((n) => n.startsWith('LYNKR_'));
  return Object.keys(raw)
    .filter((name) => name.startsWith('LYNKR_') && !(known as string[]).includes(name) && raw[name] !== undefined)
    .map((name) => {
      const like = known.find((k) => k.startsWith(name) || name.startsWith(k));
      return `${name} is not a Lynkr setting and is ignored${like ? ` (did you mean ${like}?)` : ''}`;
    });
}
