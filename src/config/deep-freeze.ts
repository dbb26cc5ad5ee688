/**
 * @module config/deep-freeze
 * Freezes a plain object tree, as fastify's initial-config-validation does with
 * `deepFreezeObject`, so no module can change the configuration after start-up.
 * Keys whose value is `undefined` are dropped first: an unset optional setting is
 * absent, which keeps logs and equality checks clean.
 */

/**
 * Returns `value` with every nested plain object and array frozen in place.
 *
 * @example
 * const c = deepFreeze({ a: { b: 1 }, c: undefined }) // { a: { b: 1 } }, frozen all the way down
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (!Array.isArray(value) && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) {
      if ((value as Record<string, unknown>)[key] === undefined) delete (value as Record<string, unknown>)[key];
    }
  }
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
