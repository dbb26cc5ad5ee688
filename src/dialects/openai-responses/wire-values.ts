/**
 * @module dialects/openai-responses/wire-values
 * Loose readers for Responses wire JSON. The decoder parses only the fields it uses and
 * never rejects unknown keys or item types (wire-contract §2.1: "Reject nothing"), so it
 * reads values through these narrow guards instead of a strict schema.
 */

/** A JSON object (not an array, not null). */
export type WireObject = Record<string, unknown>;

/** The shared guards under the short names this codec's readers use. */
export { isRecord as isObject, asString as str, asNumber as num } from '../shared/guards.js';

/** The value when it is a boolean, else undefined. */
export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** The value when it is an array, else an empty array. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
