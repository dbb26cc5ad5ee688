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
import { rememberToolJson, toolJsonSize } from '../../ir/tool-json-size.js';
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

/** Compacted tools by their JSON text: a session sends the same tools on every turn. */
const COMPACTED = new Map<string, { tool: IrTool; removedChars: number }>();
const MAX_COMPACTED = 1_000;

/**
 * One tool compacted, from the cache when the same definition was seen before. A cached
 * tool is frozen, as it is shared by every request that sends that definition.
 */
function compactCached(tool: IrTool): { tool: IrTool; removedChars: number } {
  const json = rememberToolJson(tool, JSON.stringify(tool));
  let entry = COMPACTED.get(json);
  if (!entry) {
    const compacted = compactTool(tool);
    const removedChars = json.length - toolJsonSize(compacted).chars;
    entry = removedChars > 0 ? { tool: deepFreeze(compacted), removedChars } : { tool, removedChars: 0 };
    if (COMPACTED.size >= MAX_COMPACTED) COMPACTED.delete(COMPACTED.keys().next().value!);
    COMPACTED.set(json, entry);
  }
  return entry;
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
