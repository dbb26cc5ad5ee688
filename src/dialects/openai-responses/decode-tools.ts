/**
 * @module dialects/openai-responses/decode-tools
 * Decodes Responses `tools` and `tool_choice` (wire-contract §2.1.2, §6.1 "Tools").
 * - `function` (flat: name, description, parameters, strict) → IR function tool;
 * - `custom` (free-form, e.g. Codex's `apply_patch` with a Lark grammar) → IR custom tool;
 * - `namespace` → its children, flattened, each remembering the namespace so the call the
 *   model makes goes back to Codex as `{namespace, name}` (§5 item 4);
 * - every other type (web_search, tool_search, image_generation, local_shell, file_search,
 *   mcp, …) → a hosted tool kept for the Responses dialect only.
 */
import { invalidRequest } from '../../ir/errors.js';
import type { IrCustomTool, IrFunctionTool, IrTool, IrToolChoice } from '../../ir/types.js';
import { arr, bool, isObject, str, type WireObject } from './wire-values.js';

const EMPTY_PARAMETERS = { type: 'object', properties: {} };

/** Where a tool sits: its path for error messages and the namespace it was declared under. */
interface ToolScope {
  param: string;
  namespace?: string;
}

function functionTool(tool: WireObject, { param, namespace }: ToolScope): IrFunctionTool {
  // Be lenient with clients that send the Chat Completions shape `{type, function:{…}}`.
  const def = isObject(tool.function) && tool.name === undefined ? tool.function : tool;
  const name = str(def.name);
  if (!name) throw invalidRequest(`${param}.name must be a non-empty string`, `${param}.name`);
  const out: IrFunctionTool = {
    kind: 'function',
    name,
    parameters: isObject(def.parameters) ? def.parameters : { ...EMPTY_PARAMETERS },
  };
  if (namespace) out.namespace = namespace;
  const description = str(def.description);
  if (description !== undefined) out.description = description;
  const strict = bool(def.strict);
  if (strict !== undefined) out.strict = strict;
  return out;
}

function customTool(tool: WireObject, { param, namespace }: ToolScope): IrCustomTool {
  const name = str(tool.name);
  if (!name) throw invalidRequest(`${param}.name must be a non-empty string`, `${param}.name`);
  const out: IrCustomTool = { kind: 'custom', name };
  if (namespace) out.namespace = namespace;
  const description = str(tool.description);
  if (description !== undefined) out.description = description;
  if (tool.format !== undefined) out.format = tool.format;
  return out;
}

function decodeTool(tool: WireObject, scope: ToolScope): IrTool[] {
  switch (tool.type) {
    case 'function':
      return [functionTool(tool, scope)];
    case 'custom':
      return [customTool(tool, scope)];
    case 'namespace': {
      const namespace = str(tool.name) ?? scope.namespace;
      return arr(tool.tools).flatMap((child, i) =>
        isObject(child) ? decodeTool(child, { param: `${scope.param}.tools[${i}]`, namespace }) : [],
      );
    }
    default:
      return [{ kind: 'hosted', dialect: 'openai-responses', type: String(tool.type ?? 'unknown'), value: tool }];
  }
}

/**
 * Decodes the `tools` array; a missing or non-array value means no tools.
 * Throws `invalid_request` only for a function or custom tool without a name.
 */
export function decodeTools(tools: unknown): IrTool[] {
  return arr(tools).flatMap((tool, i) => (isObject(tool) ? decodeTool(tool, { param: `tools[${i}]` }) : []));
}

/**
 * Decodes `tool_choice`: `"auto" | "none" | "required"`, `{type:"function", name}` (also
 * `{type:"custom", name}`) and `{type:"allowed_tools", mode}`. Hosted-tool choices and
 * anything unknown fall back to auto. Undefined when the client said nothing.
 */
export function decodeToolChoice(choice: unknown): IrToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto' || choice === 'none' || choice === 'required') return { type: choice };
  if (!isObject(choice)) return { type: 'auto' };
  if (choice.type === 'function' || choice.type === 'custom') {
    const name = str(choice.name) ?? (isObject(choice.function) ? str(choice.function.name) : undefined);
    if (!name) return { type: 'auto' };
    const namespace = str(choice.namespace);
    return namespace ? { type: 'tool', name, namespace } : { type: 'tool', name };
  }
  if (choice.type === 'allowed_tools' && choice.mode === 'required') return { type: 'required' };
  return { type: 'auto' };
}
