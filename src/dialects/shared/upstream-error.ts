/**
 * @module dialects/shared/upstream-error
 * Helpers for mapping upstream HTTP errors: pulling the message out of the many body
 * shapes servers use, and reading `Retry-After` (seconds or HTTP date, RFC 9110 §10.2.3)
 * or the non-standard `retry-after-ms`.
 */
import { isRecord } from './guards.js';

/** The error message from `{error:{message}}`, `{error:"…"}`, `{message}`, a plain string, or the JSON text. */
export function upstreamErrorMessage(body: unknown): string {
  if (typeof body === 'string') return body.trim() || 'Upstream error (empty body)';
  if (isRecord(body)) {
    const e = body.error;
    if (isRecord(e) && typeof e.message === 'string') return e.message;
    if (typeof e === 'string') return e;
    if (typeof body.message === 'string') return body.message;
    if (typeof body.detail === 'string') return body.detail;
  }
  if (body === undefined || body === null) return 'Upstream error (empty body)';
  return JSON.stringify(body);
}

/** `error.code` / `error.type` of an OpenAI-style body, when present. */
export function upstreamErrorCodes(body: unknown): { code?: string; type?: string } {
  const e = isRecord(body) ? body.error : undefined;
  if (!isRecord(e)) return {};
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    type: typeof e.type === 'string' ? e.type : undefined,
  };
}

/** A header value, matched case-insensitively. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Seconds to wait from `retry-after-ms` or `retry-after` (delta-seconds or HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  const ms = Number(headerValue(headers, 'retry-after-ms'));
  if (headerValue(headers, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms / 1000;
  const raw = headerValue(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}
