/**
 * @module config/env-fields
 * Builders for the schema of one environment variable: a zod schema from the raw string
 * (or `undefined`) to a typed value. Every builder trims the value and treats an empty
 * one as unset. Problems are worded without repeating the value: the loader appends
 * `(got "…")` itself, with secrets shown as `***`, so no builder can leak a secret.
 */
import { z } from 'zod';
import { isHttpUrl } from './endpoint-url.js';

/** The schema of one variable: raw string in, typed value out. */
export type EnvField<T> = z.ZodType<T, z.ZodTypeDef, string | undefined>;

class Invalid {
  constructor(readonly message: string) {}
}

/** Returned by a field parser to report a problem. */
export function invalid(message: string): Invalid {
  return new Invalid(message);
}

/**
 * Wraps a parser of the trimmed value (`undefined` when unset or blank) as a zod field.
 *
 * @example
 * const percent = envField((v) => (v === undefined ? 50 : /^\d+$/.test(v) ? Number(v) : invalid('must be digits')))
 */
export function envField<T>(parse: (value: string | undefined) => T | Invalid): EnvField<T> {
  return z
    .string()
    .optional()
    .transform((input, ctx) => {
      const value = input === undefined || input.trim() === '' ? undefined : input.trim();
      const result = parse(value);
      if (result instanceof Invalid) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
        return z.NEVER;
      }
      return result;
    });
}

/** A free-form string. */
export function text(): EnvField<string | undefined>;
export function text(fallback: string): EnvField<string>;
export function text(fallback?: string): EnvField<string | undefined> {
  return envField((v) => v ?? fallback);
}

interface NumberRange {
  min?: number;
  max?: number;
}

function rangeWords({ min, max }: NumberRange): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

function inRange(n: number, { min, max }: NumberRange): boolean {
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}

/** A whole number, written in decimal digits. */
export function integer(options: NumberRange & { default: number }): EnvField<number>;
export function integer(options: NumberRange): EnvField<number | undefined>;
export function integer(options: NumberRange & { default?: number }): EnvField<number | undefined> {
  return envField((v) => {
    if (v === undefined) return options.default;
    const n = /^[+-]?\d+$/.test(v) ? Number(v) : Number.NaN;
    return Number.isSafeInteger(n) && inRange(n, options) ? n : invalid(`must be a whole number${rangeWords(options)}`);
  });
}

/** A decimal number (`0.95`, `32`, `1.5`). */
export function decimal(options: NumberRange & { default: number }): EnvField<number> {
  return envField((v) => {
    if (v === undefined) return options.default;
    const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v) ? Number(v) : Number.NaN;
    return Number.isFinite(n) && inRange(n, options) ? n : invalid(`must be a number${rangeWords(options)}`);
  });
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** true/false, 1/0, yes/no, on/off in any case. */
export function boolean(fallback: boolean): EnvField<boolean>;
export function boolean(): EnvField<boolean | undefined>;
export function boolean(fallback?: boolean): EnvField<boolean | undefined> {
  return envField((v) => {
    if (v === undefined) return fallback;
    const word = v.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return invalid('must be true or false (also accepted: 1/0, yes/no, on/off)');
  });
}

/** One of a fixed list of names, case-insensitive. */
export function oneOf<const T extends string>(values: readonly T[], fallback: T): EnvField<T>;
export function oneOf<const T extends string>(values: readonly T[]): EnvField<T | undefined>;
export function oneOf<const T extends string>(values: readonly T[], fallback?: T): EnvField<T | undefined> {
  return envField((v) => {
    if (v === undefined) return fallback;
    const word = v.toLowerCase();
    return values.find((value) => value === word) ?? invalid(`must be one of: ${values.join(', ')}`);
  });
}

/** An http(s) URL, optionally normalised (see endpoint-url.ts). */
export function httpUrl(options: { default: string; normalize?: (url: string) => string }): EnvField<string>;
export function httpUrl(options?: { normalize?: (url: string) => string }): EnvField<string | undefined>;
export function httpUrl(
  options: { default?: string; normalize?: (url: string) => string } = {},
): EnvField<string | undefined> {
  return envField((v) => {
    const value = v ?? options.default;
    if (value === undefined) return undefined;
    if (!isHttpUrl(value)) return invalid('must be an http:// or https:// URL');
    return options.normalize ? options.normalize(value) : value;
  });
}

/** Printable ASCII without spaces or quotes: what an HTTP header can carry as a credential.
 * Quotes usually mean a docker `--env-file` kept them literally around the key. */
const CREDENTIAL = /^[\x21\x23-\x26\x28-\x7e]+$/;
const CREDENTIAL_WORDS = 'printable ASCII without spaces or quotes (it is sent in an HTTP header)';

/** An API key or token. */
export function credential(): EnvField<string | undefined> {
  return envField((v) => (v === undefined || CREDENTIAL.test(v) ? v : invalid(`must be ${CREDENTIAL_WORDS}`)));
}

/** Comma-separated credentials, trimmed, empty entries dropped. */
export function credentialList(): EnvField<string[]> {
  return envField((v) => {
    const keys = (v ?? '').split(',').map((k) => k.trim()).filter(Boolean);
    return keys.every((k) => CREDENTIAL.test(k)) ? keys : invalid(`each comma-separated key must be ${CREDENTIAL_WORDS}`);
  });
}

/** A JSON value checked against `schema`; `what` describes the expected shape. */
export function json<T>(schema: z.ZodType<T>, what: string): EnvField<T | undefined> {
  return envField((v) => {
    if (v === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch (err) {
      return invalid(`is not valid JSON (${(err as Error).message}); expected ${what}`);
    }
    const result = schema.safeParse(parsed);
    return result.success ? result.data : invalid(`must be ${what}`);
  });
}
