/**
 * @module test/support/mock-upstream/wire-util
 * Small deterministic helpers shared by the dialect renderers.
 */
import { createHash } from 'node:crypto';
import type { MockToolCall, MockTurn } from './types.js';

/** Fixed clock for every timestamp the mocks emit (2026-01-01T00:00:00Z), so recorded streams are stable. */
export const MOCK_EPOCH_SECONDS = 1767225600;
export const MOCK_EPOCH_ISO = '2026-01-01T00:00:00.000000000Z';

/**
 * Splits `text` into at most `pieces` non-empty slices of about equal length, on code points, so
 * tokens, words and JSON literals are cut mid-way the way real upstreams cut them.
 */
export function splitPieces(text: string, pieces: number): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [];
  const count = Math.max(1, Math.min(pieces, chars.length));
  const size = Math.ceil(chars.length / count);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** Number of pieces text and tool arguments are split into. */
export const TEXT_PIECES = 4;
export const ARGUMENT_PIECES = 3;

/** Rough token estimate (≈ 4 characters per token), at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Usage to report for a turn: the scripted numbers, or an estimate of request and output size. */
export function usageFor(turn: MockTurn, rawRequestBody: string): { input: number; output: number } {
  if (turn.usage) return { input: Math.round(turn.usage.input), output: Math.round(turn.usage.output) };
  const output = (turn.text ?? '') + (turn.reasoning ?? '') + JSON.stringify(turn.toolCalls ?? []);
  return { input: estimateTokens(rawRequestBody), output: estimateTokens(output) };
}

/** Short stable hex digest, for ids and thinking signatures. */
export function digest(text: string, length = 24): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** Deterministic call id unless the script fixed one. */
export function callId(call: MockToolCall, prefix: string, turn: number, index: number): string {
  return call.id ?? `${prefix}${turn}_${index}`;
}

/** Serialises one Server-Sent Event; `event` adds an `event:` line. */
export function sseFrame(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

/** Token of an `Authorization: Bearer <token>` header. */
export function bearerOf(headers: Record<string, string>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '');
  return match ? match[1].trim() : undefined;
}

/** `model` of a JSON request body ('' when absent). */
export function bodyModel(body: unknown): string {
  if (body && typeof body === 'object' && typeof (body as { model?: unknown }).model === 'string') {
    return (body as { model: string }).model;
  }
  return '';
}
