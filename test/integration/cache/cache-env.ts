/**
 * @module test/integration/cache/cache-env
 * Helpers of the cache tests: a Lynkr with its own temporary LYNKR_DATA_DIR (so no test ever
 * reads an answer cached by another test or an earlier run), and metric readers.
 */
import { withTempDir } from '../../support/run-cli.js';
import { withLynkr } from '../../support/lynkr.js';

/** Runs `fn` against an in-process Lynkr whose data directory is a fresh temp dir. */
export async function withCachingLynkr(env: Record<string, string>, fn: (url: string) => Promise<void>): Promise<void> {
  await withTempDir('lynkr-cache-', (dir) => withLynkr({ LYNKR_DATA_DIR: dir, ...env }, fn));
}

/** The value of one Prometheus sample (0 when absent), e.g. `metric(text, 'lynkr_cache_requests_total{kind="prompt",result="hit"}')`. */
export function metric(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

export async function metricsText(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // SSE or plain text stays text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
