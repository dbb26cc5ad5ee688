/**
 * @module dialects/bedrock-converse/encode-tools
 * IR tools and tool choice → Converse `toolConfig` (wire-contract §6.1 "Tools", §6.3 "Bedrock
 * Converse specifics"):
 * - function tools become `toolSpec`s with `inputSchema.json` (`$schema` stripped, always an
 *   object schema); custom (free-form) tools a spec taking `{input: string}`; hosted tools
 *   are dropped; names come from the request's ToolNameMap (`^[a-zA-Z0-9_-]{1,64}$`);
 * - Converse has no "none" choice, so `none` sends no tools; `auto` is the default and is
 *   left out; `required` → `any`, a named tool → `tool`;
 * - a history with `toolUse`/`toolResult` needs `toolConfig` even when the request declares
 *   no tools (Codex compaction sends `tools: []`): the tools the history used are declared
 *   again with a permissive schema, so the old calls stay valid as they are.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolConfiguration.html
 */
import type { ToolNameMap } from '../../ir/tool-names.js';
import type { IrTool, IrToolChoice, JsonSchema } from '../../ir/types.js';
import { customToolParameters } from '../shared/custom-tool-parameters.js';
import type { CachePoints } from './cache-points.js';
import { isRecord, type ConverseMessage, type ConverseToolChoice, type ConverseToolConfig, type ConverseToolSpec } from './wire-types.js';

/** Description of a tool re-declared only because the history used it. */
export const HISTORY_TOOL_DESCRIPTION = 'A tool used earlier in this conversation.';

/** The request's own tools, encoded before the messages so they take cache points first. */
export interface DeclaredTools {
  specs: ConverseToolConfig['tools'];
  choice?: ConverseToolChoice;
}

/** Encodes the declared tools and the tool choice (`none` declares nothing). */
export function encodeDeclaredTools(opts: {
  tools: readonly IrTool[];
  toolChoice: IrToolChoice | undefined;
  toolNames: ToolNameMap;
  cachePoints: CachePoints;
}): DeclaredTools {
  if (opts.toolChoice?.type === 'none') return { specs: [] };
  const specs = declaredSpecs(opts.tools, opts.toolNames, opts.cachePoints);
  if (specs.length === 0) return { specs };
  const choice = encodeToolChoice(opts.toolChoice, opts.toolNames);
  return { specs, ...(choice ? { choice } : {}) };
}

/**
 * The `toolConfig`: the declared tools, or, when there are none but the encoded history has
 * tool use, the history's tools; undefined when neither involves tools.
 */
export function encodeToolConfig(declared: DeclaredTools, messages: readonly ConverseMessage[]): ConverseToolConfig | undefined {
  if (declared.specs.length > 0) return { tools: declared.specs, ...(declared.choice ? { toolChoice: declared.choice } : {}) };
  const used = historyToolNames(messages);
  if (used.length === 0) return undefined;
  return { tools: used.map((name) => spec(name, HISTORY_TOOL_DESCRIPTION, { type: 'object' })) };
}

function declaredSpecs(tools: readonly IrTool[], toolNames: ToolNameMap, cachePoints: CachePoints): ConverseToolConfig['tools'] {
  const out: ConverseToolConfig['tools'] = [];
  for (const t of tools) {
    if (t.kind === 'hosted') continue;
    const name = toolNames.wireName(t.name, t.namespace, t.kind);
    const schema = t.kind === 'custom' ? customToolParameters(t) : objectSchema(t.parameters);
    out.push(spec(name, t.description, schema));
    if (t.kind === 'function' && t.cacheControl !== undefined) out.push(...cachePoints.take());
  }
  return out;
}

function spec(name: string, description: string | undefined, json: JsonSchema): ConverseToolSpec {
  // Converse rejects an empty description (minimum length 1).
  return { toolSpec: { name, ...(description?.trim() ? { description } : {}), inputSchema: { json } } };
}

/** The tool's schema as an object schema, `$schema` removed (Bedrock rejects some meta keys). */
function objectSchema(parameters: unknown): JsonSchema {
  if (!isRecord(parameters)) return { type: 'object', properties: {} };
  const { $schema: _drop, ...rest } = parameters;
  return rest.type === undefined ? { type: 'object', ...rest } : rest;
}

function encodeToolChoice(choice: IrToolChoice | undefined, toolNames: ToolNameMap): ConverseToolChoice | undefined {
  switch (choice?.type) {
    case undefined:
    case 'auto':
    case 'none':
      return undefined;
    case 'required':
      return { any: {} };
    case 'tool':
      return { tool: { name: toolNames.wireName(choice.name, choice.namespace) } };
  }
}

/** Wire names of the tools called in the history, in first-use order. */
function historyToolNames(messages: readonly ConverseMessage[]): string[] {
  const names = new Set<string>();
  let results = false;
  for (const m of messages) {
    for (const b of m.content) {
      if ('toolUse' in b) names.add(b.toolUse.name);
      else if ('toolResult' in b) results = true;
    }
  }
  // Results always follow their calls after pairing repair; a lone result still needs a config.
  if (names.size === 0 && results) names.add('tool');
  return [...names];
}
