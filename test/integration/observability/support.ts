/**
 * @module test/integration/observability/support
 * Helpers for the observability tests: a temp LYNKR_DATA_DIR, Prometheus text parsing, a
 * captured pino log, and small request helpers against a running Lynkr.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger, type Logger } from '../../../src/observability/logger.js';

/** A fresh data directory; `remove()` deletes it. */
export async function tempDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'lynkr-obs-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const silent = pino({ level: 'silent' });

/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition (prom-client's output: no escaped quotes in our labels). */
export function parseProm(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** Sum of a metric's samples whose labels include `match`. */
export function sum(samples: Sample[], name: string, match: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((a, s) => a + s.value, 0);
}

export async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`, { headers });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${await res.text()}`);
  return parseProm(await res.text());
}

export async function tokenUsage(url: string, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(`${url}/metrics/token-usage`, { headers });
  if (res.status !== 200) throw new Error(`/metrics/token-usage answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Polls `check` until it returns true (recording happens when a response closes); bounded. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A pino logger like Lynkr's own (secrets scrubbed) writing JSON lines into `lines`. */
export function capturedLogger(level: string, secrets: string[] = []): { log: Logger; lines: any[] } {
  const lines: any[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { log: createLogger({ level, secrets, destination }), lines };
}

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
