/**
 * @module dialects/openai-responses/encode-tools
 * IR tools and tool choice → the Responses API's `tools` / `tool_choice` (egress,
 * wire-contract §2.1.2, §6.1 "Tools"):
 * - function tools in the flat Responses shape `{type:'function', name, description,
 *   parameters, strict}`, names from the request's ToolNameMap (namespaces flattened, long
 *   names shortened, the same scheme as the history's calls). `strict` is always sent:
 *   the Responses API defaults it to true, which rejects every schema that is not written
 *   for strict mode (Claude Code's are not);
 * - custom (free-form) tools stay custom: the Responses API runs their grammar itself;
 * - hosted tools the Responses dialect decoded (web_search, tool_search, …) pass through
 *   verbatim; other dialects' hosted tools (Anthropic server tools) are dropped.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
import type { ToolNameMap } from '../../ir/tool-names.js';
import type { IrTool, IrToolChoice, JsonSchema } from '../../ir/types.js';
import { declaredTool } from '../shared/declared-tool.js';
import { isObject } from './wire-values.js';

export type ResponsesTool = Record<string, unknown> & { type: string };

/** The `tools` array; empty when nothing remains for this upstream. */
export function encodeTools(tools: readonly IrTool[], toolNames: ToolNameMap): ResponsesTool[] {
  const out: ResponsesTool[] = [];
  for (const t of tools) {
    switch (t.kind) {
      case 'function': {
        const tool: ResponsesTool = {
          type: 'function',
          name: toolNames.wireName(t.name, t.namespace, 'function'),
          parameters: cleanParameters(t.parameters),
          strict: t.strict === true,
        };
        if (t.description !== undefined) tool.description = t.description;
        out.push(tool);
        break;
      }
      case 'custom': {
        const tool: ResponsesTool = { type: 'custom', name: toolNames.wireName(t.name, t.namespace, 'custom') };
        if (t.description !== undefined) tool.description = t.description;
        if (t.format !== undefined) tool.format = t.format;
        out.push(tool);
        break;
      }
      case 'hosted':
        if (t.dialect === 'openai-responses' && isObject(t.value) && typeof t.value.type === 'string') out.push(t.value as ResponsesTool);
        break;
    }
  }
  return out;
}

/**
 * `tool_choice`. A forced tool names its wire name and its kind (`function` or `custom`);
 * a tool the request does not declare falls back to `"required"`, which still forces a call.
 */
export function encodeToolChoice(choice: IrToolChoice, tools: readonly IrTool[], toolNames: ToolNameMap): unknown {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'tool': {
      const declared = declaredTool(tools, choice);
      if (!declared) return 'required';
      return { type: declared.kind, name: toolNames.wireName(declared.name, declared.namespace, declared.kind) };
    }
  }
}

/** A parameter schema ready to send: `$schema` removed (OpenAI rejects it in strict mode), always an object. */
function cleanParameters(parameters: unknown): JsonSchema {
  if (!isObject(parameters)) return { type: 'object', properties: {} };
  const { $schema: _drop, ...rest } = parameters;
  return rest;
}
