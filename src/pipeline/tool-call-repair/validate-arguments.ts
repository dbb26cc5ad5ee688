/**
 * @module pipeline/tool-call-repair/validate-arguments
 * Checks repaired tool-call arguments against the tool's JSON Schema with Ajv before a
 * text becomes a call, so prose that happens to parse is never executed. Each distinct
 * schema is compiled once and kept in a small LRU (a client sends the same tool list on
 * every turn). Ajv runs permissively on the schema side (unknown keywords and formats,
 * any `$schema` draft) and helpfully on the data side: it coerces scalar types the model
 * wrote as strings (`"5"` → 5) and removes properties a closed schema forbids.
 * @see https://ajv.js.org/options.html
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../../ir/types.js';

const ajv = new Ajv({
  strict: false,
  validateSchema: false,
  addUsedSchema: false,
  allErrors: false,
  coerceTypes: true,
  removeAdditional: true,
  logger: false,
});

const MAX_CACHED = 256;
/** Schema JSON → compiled validator; `null` when the schema cannot be compiled (then anything object-shaped passes). */
const cache = new Map<string, ValidateFunction | null>();

function validatorFor(schema: JsonSchema): ValidateFunction | null {
  const key = JSON.stringify(schema);
  let fn = cache.get(key);
  if (fn !== undefined) {
    // refresh its LRU position
    cache.delete(key);
    cache.set(key, fn);
    return fn;
  }
  try {
    // The root `$schema` names a draft Ajv may not bundle (2020-12); the keywords used by tools are the same.
    const { $schema: _draft, ...rest } = schema;
    fn = ajv.compile(rest);
  } catch {
    fn = null;
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, fn);
  return fn;
}

/**
 * True when `args` satisfies `schema`. May change `args` in place (type coercion, removal
 * of forbidden extra properties): serialise it after validating.
 * @example validateArguments({ type: 'object', properties: { n: { type: 'integer' } } }, { n: '5' }) // true, args.n === 5
 */
export function validateArguments(schema: JsonSchema, args: Record<string, unknown>): boolean {
  const fn = validatorFor(schema);
  return fn === null ? true : fn(args) === true;
}

/** How many schemas are compiled (for tests). */
export function compiledSchemaCount(): number {
  return cache.size;
}
