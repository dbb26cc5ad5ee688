/**
 * @module config/model-ref
 * Parses `provider:model` references (design.md §5 rule 1) and the two `MODEL_MAP`
 * syntaxes. Shared by the config schema (to refuse bad values at start-up) and by the
 * router (to read a client's `provider:model` prefix).
 */
import { PROVIDER_NAMES, type ProviderName } from './types.js';

export interface ModelRef {
  readonly provider: ProviderName;
  /** Everything after the first separator; may itself contain `:` or `/` (`qwen2.5-coder:7b`, `openai/gpt-4o`). */
  readonly model: string;
}

function isProviderName(value: string): value is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(value);
}

/**
 * Reads `provider:model` or `provider/model` when the part before the first `:` or `/`
 * is a known provider name (case-insensitive); otherwise `undefined`.
 *
 * @example
 * parseModelRef('ollama:qwen2.5-coder:7b')       // { provider: 'ollama', model: 'qwen2.5-coder:7b' }
 * parseModelRef('openrouter/openai/gpt-4o-mini') // { provider: 'openrouter', model: 'openai/gpt-4o-mini' }
 * parseModelRef('qwen2.5-coder:7b')              // undefined
 */
export function parseModelRef(value: string): ModelRef | undefined {
  const at = value.search(/[:/]/);
  if (at <= 0) return undefined;
  const provider = value.slice(0, at).trim().toLowerCase();
  const model = value.slice(at + 1).trim();
  if (!isProviderName(provider) || model === '') return undefined;
  return { provider, model };
}

/** `provider:model`, the one spelling Config holds. */
export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}:${ref.model}`;
}

/** Why a target is not a model reference, for the problem message. */
export function describeBadModelRef(value: string): string {
  const at = value.search(/[:/]/);
  if (at <= 0 || value.slice(at + 1).trim() === '') return `"${value}" is not provider:model`;
  return `"${value}" names unknown provider "${value.slice(0, at).trim()}" (valid: ${PROVIDER_NAMES.join(', ')})`;
}

export type ModelMapResult =
  | { readonly ok: true; readonly map: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Parses `MODEL_MAP`: a JSON object (`{"gpt-4o":"ollama:qwen2.5-coder:7b"}`) when the
 * value starts with `{`, else comma-separated `client-model=provider:model` pairs.
 * Targets come back normalised to `provider:model`. Every bad entry is reported.
 *
 * @example
 * parseModelMap('gpt-4o=ollama:qwen2.5-coder:7b, gpt-4o-mini=openrouter/openai/gpt-4o-mini')
 * // { ok: true, map: { 'gpt-4o': 'ollama:qwen2.5-coder:7b', 'gpt-4o-mini': 'openrouter:openai/gpt-4o-mini' } }
 */
export function parseModelMap(value: string): ModelMapResult {
  const entries: Array<[string, unknown]> = [];
  const errors: string[] = [];
  if (value.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      return { ok: false, errors: [`is not valid JSON (${(err as Error).message})`] };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, errors: ['must be a JSON object of "client-model": "provider:model"'] };
    }
    entries.push(...Object.entries(parsed));
  } else {
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) {
        errors.push(`entry "${pair}" is not client-model=provider:model`);
        continue;
      }
      entries.push([pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()]);
    }
  }
  const map = new Map<string, string>();
  for (const [client, target] of entries) {
    const name = client.trim();
    if (typeof target !== 'string') {
      errors.push(`the target of "${name}" must be a "provider:model" string`);
      continue;
    }
    const ref = parseModelRef(target);
    if (!ref) errors.push(`the target of "${name}": ${describeBadModelRef(target)}`);
    else if (map.has(name)) errors.push(`"${name}" is mapped more than once`);
    else map.set(name, formatModelRef(ref));
  }
  // fromEntries defines own properties, so a client model named "__proto__" stays data.
  return errors.length > 0 ? { ok: false, errors } : { ok: true, map: Object.fromEntries(map) };
}
