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
const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** fastify's `childLoggerFactory`: same signature, same bindings, built on first use. */
export function lazyChildLoggerFactory(logger: FastifyBaseLogger, bindings: Record<string, unknown>, options: object): FastifyBaseLogger {
  const parent = logger as unknown as Logger;
  let child: Logger | undefined;
  const real = () => (child ??= parent.child(bindings, options));
  const stub: Record<string, unknown> = {
    child: (b: Record<string, unknown>, o?: object) => real().child(b, o),
    isLevelEnabled: (level: string) => (child ?? parent).isLevelEnabled(level),
    bindings: () => real().bindings(),
    silent: () => {},
  };
  for (const level of LEVELS) {
    stub[level] = (...args: unknown[]) => {
      if (!(child ?? parent).isLevelEnabled(level)) return;
      (real()[level] as (...a: unknown[]) => void)(...args);
    };
  }
  Object.defineProperty(stub, 'level', {
    get: () => (child ?? parent).level,
    set: (value: string) => void (real().level = value),
    enumerable: true,
  });
  return stub as unknown as FastifyBaseLogger;
}
