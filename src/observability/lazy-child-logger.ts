/**
 * @module observability/lazy-child-logger
 * fastify gives every request a child logger bound to its request id, and a pino child is
 * not free (bindings serialised, redaction set up): built per request, it cost more than
 * all of a request's metrics (docs/performance.md). Lynkr's own per-request lines carry
 * `requestId` themselves, so most requests never log through their child at all. This
 * factory hands fastify a stand-in that builds the real child only when a line is written
 * at an enabled level.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from './logger.js';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** A stand-in with the methods fastify and Lynkr call; prototype methods, so one allocation per request. */
class LazyChildLogger {
  #child: Logger | undefined;

  constructor(
    readonly parent: Logger,
    readonly childBindings: Record<string, unknown>,
    readonly childOptions: object,
  ) {}

  #real(): Logger {
    return (this.#child ??= this.parent.child(this.childBindings, this.childOptions));
  }

  #write(level: Level, args: unknown[]): void {
    if (!(this.#child ?? this.parent).isLevelEnabled(level)) return;
    (this.#real()[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return (this.#child ?? this.parent).level;
  }

  set level(value: string) {
    this.#real().level = value;
  }

  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }
  silent(): void {}

  child(bindings: Record<string, unknown>, options?: object): Logger {
    return this.#real().child(bindings, options);
  }

  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.parent).isLevelEnabled(level);
  }

  bindings(): Record<string, unknown> {
    return this.#real().bindings();
  }
}

/** fastify's `childLoggerFactory`: same signature, same bindings, built on first use. */
export function lazyChildLoggerFactory(logger: FastifyBaseLogger, bindings: Record<string, unknown>, options: object): FastifyBaseLogger {
  return new LazyChildLogger(logger as unknown as Logger, bindings, options) as unknown as FastifyBaseLogger;
}
