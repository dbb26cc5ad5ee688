/**
 * @module bench/lib/http-probe
 * One timed HTTP request from the bench client: time to the first body byte, time to the
 * end, bytes, SSE events counted on the fly (blank-line terminated frames, so a frame split
 * across chunks is still counted once) and, when asked, the body text for a sanity check.
 * node:http with a keep-alive agent: the same client for every target, cheap per request.
 */
import { Agent, request } from 'node:http';

export interface ProbeRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  agent: Agent;
  keepBody?: boolean;
  timeoutMs?: number;
}

export interface ProbeResult {
  status: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  sseEvents: number;
  body?: string;
}

export function probe({ url, headers, body, agent, keepBody = false, timeoutMs = 30_000 }: ProbeRequest): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(body.length) },
        timeout: timeoutMs,
      },
      (res) => {
        let firstByteMs = -1;
        let bytes = 0;
        let events = 0;
        let lastWasNewline = false;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (firstByteMs < 0) firstByteMs = elapsed();
          bytes += chunk.length;
          if (keepBody) chunks.push(chunk);
          for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
            const prevIsNewline = i > 0 ? chunk[i - 1] === 10 : lastWasNewline;
            if (prevIsNewline) events++;
          }
          lastWasNewline = chunk[chunk.length - 1] === 10;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            firstByteMs,
            totalMs: elapsed(),
            bytes,
            sseEvents: events,
            ...(keepBody ? { body: Buffer.concat(chunks).toString('utf8') } : {}),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Median, and the percentile `p` (0–100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => percentile(values, 50);
