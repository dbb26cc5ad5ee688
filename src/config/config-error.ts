/**
 * @module config/config-error
 * The one error `loadConfig` throws. Like fastify's `FST_ERR_INIT_OPTS_INVALID`
 * (lib/initial-config-validation.js) it lists every problem at once, so a user fixes
 * their `.env` in one pass instead of one restart per mistake. Each line names the
 * variable, says what is wrong and shows the value received — secrets as `***`.
 * Matched by marker rather than `instanceof` (style rule 7).
 */

const MARKER = Symbol.for('lynkr.config-error');

/** One thing wrong with the configuration. */
export interface ConfigProblem {
  /** The environment variable at fault (or the `.env` file path when it cannot be read). */
  readonly variable: string;
  /** What is wrong, in words that never contain a secret. */
  readonly message: string;
  /** The value received, ready to print: secrets are `***`, long values truncated. */
  readonly received?: string;
}

/** `PORT: must be a whole number from 0 to 65535 (got "abc")` */
export function formatProblem(problem: ConfigProblem): string {
  const got = problem.received === undefined ? '' : ` (got ${JSON.stringify(problem.received)})`;
  return `${problem.variable}: ${problem.message}${got}`;
}

/**
 * Thrown by `loadConfig` when the configuration is invalid.
 *
 * @example
 * try { loadConfig(process.env) } catch (err) {
 *   if (ConfigError.isInstance(err)) { console.error(err.message); process.exit(1) }
 *   throw err
 * }
 */
export class ConfigError extends Error {
  readonly [MARKER] = true;
  readonly code = 'LYNKR_CONFIG_INVALID';
  readonly problems: readonly ConfigProblem[];
  /** Warnings found on the way (a misspelt variable often explains a problem). */
  readonly warnings: readonly string[];

  constructor(
    problems: readonly ConfigProblem[],
    options: { warnings?: readonly string[]; redact?: (text: string) => string } = {},
  ) {
    const redact = options.redact ?? ((text: string) => text);
    const warnings = (options.warnings ?? []).map(redact);
    const safe = problems.map((p) => ({
      variable: p.variable,
      message: redact(p.message),
      ...(p.received === undefined ? {} : { received: redact(p.received) }),
    }));
    const count = safe.length === 1 ? '1 problem' : `${safe.length} problems`;
    const lines = safe.map((p) => `  - ${formatProblem(p)}`);
    const notes = warnings.length > 0 ? `\nWarnings:\n${warnings.map((w) => `  - ${w}`).join('\n')}` : '';
    super(`Invalid Lynkr configuration (${count}):\n${lines.join('\n')}${notes}`);
    this.name = 'ConfigError';
    this.warnings = Object.freeze(warnings);
    this.problems = Object.freeze(safe.map((p) => Object.freeze(p)));
  }

  static isInstance(value: unknown): value is ConfigError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}
