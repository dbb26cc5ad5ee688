/**
 * @module test/support/fixtures
 * Loads the real client requests captured in shared/fixtures (`<request line>\n{headers}\n\n<body>`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** shared/ sits beside the repository (CI copies it there too). */
export const SHARED_FIXTURES = join(here, '..', '..', '..', 'shared', 'fixtures');

export interface CapturedRequest {
  name: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, any>;
}

export function loadCaptured(client: 'codex-0.169.0' | 'claude-code-2.1.197'): CapturedRequest[] {
  const dir = join(SHARED_FIXTURES, client);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.http'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const firstLine = text.slice(0, text.indexOf('\n'));
      const headersEnd = text.indexOf('\n}\n') + 2;
      const headers = JSON.parse(text.slice(firstLine.length + 1, headersEnd)) as Record<string, string>;
      const body = JSON.parse(text.slice(headersEnd).trim()) as Record<string, any>;
      return { name: name.replace(/\.http$/, ''), path: firstLine.split(' ')[1], headers, body };
    });
}
