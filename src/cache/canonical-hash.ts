/**
 * @module cache/canonical-hash
 * A canonical JSON form (object keys sorted at every level, `undefined` members left out)
 * and its SHA-256, so that two requests that mean the same thing hash the same whatever
 * the order their fields arrived in. Cache keys and semantic-cache partitions are built
 * on it (docs/caching.md).
 * @see https://www.rfc-editor.org/rfc/rfc8785 (the idea of JCS; numbers here use JSON.stringify)
 */
import { createHash } from 'node:crypto';

/**
 * JSON text with sorted keys; `undefined` members and array holes are omitted like JSON.stringify does.
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }) // '{"a":[{"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** Hex SHA-256 of the canonical JSON of `value`. */
export function hashCanonical(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
