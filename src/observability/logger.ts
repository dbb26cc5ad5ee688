/**
 * @module observability/logger
 * pino, one JSON line per event, with secrets redacted by path (auth headers, keys) and
 * by value (every configured secret string is replaced wherever it appears).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Secret values (API keys) that must never appear in a log line. */
  secrets?: string[];
  destination?: pino.DestinationStream;
}

export function createLogger({ level, secrets = [], destination }: LoggerOptions): Logger {
  const values = secrets.filter((s) => s && s.length >= 4);
  const scrub = (text: string) => values.reduce((t, s) => t.split(s).join('***'), text);
  return pino(
    {
      level,
      base: { service: 'lynkr' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers["api-key"]',
          'headers.authorization',
          'headers["x-api-key"]',
          'headers["api-key"]',
          '*.apiKey',
          '*.*.apiKey',
        ],
        censor: '***',
      },
      ...(values.length ? { hooks: { streamWrite: scrub } } : {}),
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
