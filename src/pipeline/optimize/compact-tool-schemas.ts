/**
 * @module pipeline/optimize/compact-tool-schemas
 * Compacts tool definitions without changing what a model can call or how: JSON Schema
 * annotations that no model reads are dropped (`$schema`, `$comment`, `title`, `examples`),
 * as are integer bounds that bound nothing (±2^53−1, which zod emits for every `.int()`), and
 * descriptions lose trailing spaces and runs of blank lines. Property names, types, enums,
 * `required`, `additionalProperties` and `default` stay: local servers may turn the schema
 * into a grammar that constrains generation. The result depends only on the tools, which are
 * identical on every turn of a session, so the prefix stays stable.
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#section-9 (annotation keywords)
 */
import { isRecord } from '../../dialects/shared/guards.js';
import { rememberToolSize, toolJsonSize } from '../../ir/tool-json-size.js';
import type { IrRequest, IrTool, JsonSchema } from '../../ir/types.js';

/** Annotations with no effect on a call. */
const DROPPED_KEYWORDS = new Set(['$schema', '$comment', 'title', 'examples']);
/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is one schema. */
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems', 'unevaluatedItems', 'unevaluatedProperties']);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const UNBOUNDED = Number.MAX_SAFE_INTEGER;


/** Trailing spaces off every line, at most one blank line in a row, no blank edges. */
export function tidyDescription(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function compactSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(compactSchema);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key)) continue;
    if ((key === 'maximum' || key === 'minimum') && Math.abs(value as number) === UNBOUNDED) continue;
    if (key === 'description' && typeof value === 'string') out[key] = tidyDescription(value);
    else if (SCHEMA_MAPS.has(key) && isRecord(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, compactSchema(s)]));
    else if (SCHEMA_VALUES.has(key) && isRecord(value)) out[key] = compactSchema(value);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(compactSchema);
    else out[key] = value;
  }
  return out;
}

function compactTool(tool: IrTool): IrTool {
  switch (tool.kind) {
    case 'function':
      return {
        ...tool,
        ...(tool.description === undefined ? {} : { description: tidyDescription(tool.description) }),
        parameters: compactSchema(tool.parameters) as JsonSchema,
      };
    case 'custom':
      return tool.description === undefined ? tool : { ...tool, description: tidyDescription(tool.description) };
    case 'hosted':
      return tool;
  }
}

export interface CompactResult {
  req: IrRequest;
  /** Characters of tool definitions removed (JSON text). */
  removedChars: number;
}

/** A tool definition seen before, and what compacting it gave. */
interface CachedTool {
  original: IrTool;
  tool: IrTool;
  removedChars: number;
}

/**
 * Compacted tools by name (a few definitions per name): a session sends the same tools on
 * every turn. A hit is confirmed by comparing the whole definition, which costs a quarter of
 * serialising it and allocates nothing.
 */
const COMPACTED = new Map<string, CachedTool[]>();
const MAX_NAMES = 1_000;
const MAX_PER_NAME = 4;

/**
 * One tool compacted, from the cache when the same definition was seen before. A cached
 * tool is frozen, as it is shared by every request that sends that definition.
 */
function compactCached(tool: IrTool): { tool: IrTool; removedChars: number } {
  const name = tool.kind === 'hosted' ? `hosted:${tool.type}` : tool.name;
  const candidates = COMPACTED.get(name);
  const hit = candidates?.find((c) => sameJson(c.original, tool));
  if (hit) {
    rememberToolSize(tool, toolJsonSize(hit.original));
    return hit;
  }
  const before = toolJsonSize(tool).chars;
  const compacted = compactTool(tool);
  const removedChars = before - toolJsonSize(compacted).chars;
  const entry: CachedTool = removedChars > 0 ? { original: deepFreeze(tool), tool: deepFreeze(compacted), removedChars } : { original: deepFreeze(tool), tool, removedChars: 0 };
  if (candidates) {
    if (candidates.length >= MAX_PER_NAME) candidates.shift();
    candidates.push(entry);
  } else {
    if (COMPACTED.size >= MAX_NAMES) COMPACTED.delete(COMPACTED.keys().next().value!);
    COMPACTED.set(name, [entry]);
  }
  return entry;
}

/** True when `a` and `b` serialise to the same JSON text (same keys in the same order, same values). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k !== kb[i] || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export function compactToolSchemas(req: IrRequest): CompactResult {
  if (req.tools.length === 0) return { req, removedChars: 0 };
  let removedChars = 0;
  const tools = req.tools.map((t) => {
    const entry = compactCached(t);
    removedChars += entry.removedChars;
    return entry.removedChars > 0 ? entry.tool : t;
  });
  // Unchanged, the request itself is returned: a rewritten request leaves the pass-through path (stage.ts).
  return removedChars > 0 ? { req: { ...req, tools }, removedChars } : { req, removedChars: 0 };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
