/**
 * @module dialects/shared/encode-function-tools
 * IR tools → the `{type:'function', function:{name, description, parameters}}` list that
 * both Chat Completions and Ollama's `/api/chat` take (egress, wire-contract §6.1):
 * wire names come from the request's ToolNameMap (namespaces flattened, long names
 * shortened); custom tools become a function taking `{input: string}`; hosted tools are
 * dropped (a chat upstream cannot run them); `$schema` is stripped. `strict` is kept only
 * when true, and never for servers that take none (Ollama, §6.1).
 */
import type { IrTool, JsonSchema } from '../../ir/types.js';
import type { ToolNameMap } from '../../ir/tool-names.js';
import { customToolParameters } from './custom-tool-parameters.js';
import { isRecord } from './guards.js';

export interface FunctionToolSpec {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: true };
}

/** The function tools an upstream gets; `keepStrict: false` for servers that take no `strict` (Ollama). */
export function encodeFunctionTools(tools: readonly IrTool[], toolNames: ToolNameMap, keepStrict = true): FunctionToolSpec[] {
  const out: FunctionToolSpec[] = [];
  for (const t of tools) {
    if (t.kind === 'hosted') continue;
    const fn: FunctionToolSpec['function'] = {
      name: toolNames.wireName(t.name, t.namespace, t.kind),
      parameters: t.kind === 'custom' ? customToolParameters(t) : cleanParameters(t.parameters),
    };
    if (t.description !== undefined) fn.description = t.description;
    if (keepStrict && t.kind === 'function' && t.strict === true) fn.strict = true;
    out.push({ type: 'function', function: fn });
  }
  return out;
}

/** A tool's parameter schema ready to send: `$schema` removed, never anything but an object. */
function cleanParameters(parameters: unknown): JsonSchema {
  if (!isRecord(parameters)) return { type: 'object', properties: {} };
  const { $schema: _drop, ...rest } = parameters;
  return rest;
}
