/**
 * @module bench/lib/codex-fixture
 * Reads a captured Codex CLI request (`shared/fixtures/codex-0.169.0/*.http`: a request
 * line, the headers as one JSON object, a blank line, the body) into what the bench sends:
 * path, the client's own headers (less host and content-length, which the bench sets) and
 * the body bytes as captured.
 */
import { readFileSync } from 'node:fs';

export interface CapturedRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export const DEFAULT_CODEX_FIXTURE = new URL('../../../shared/fixtures/codex-0.169.0/basic-turn1.http', import.meta.url);

export function readCapturedRequest(file: URL | string): CapturedRequest {
  const text = readFileSync(file, 'utf8');
  const firstLineEnd = text.indexOf('\n');
  const [, path] = text.slice(0, firstLineEnd).split(' ');
  const headersEnd = text.indexOf('\n}\n', firstLineEnd) + 2;
  const captured = JSON.parse(text.slice(firstLineEnd + 1, headersEnd)) as Record<string, string>;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(captured)) if (k !== 'host' && k !== 'content-length') headers[k] = v;
  const body = Buffer.from(text.slice(headersEnd).trim(), 'utf8');
  JSON.parse(body.toString('utf8'));
  return { path, headers, body };
}
