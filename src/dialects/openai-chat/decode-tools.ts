/**
 * @module dialects/openai-chat/decode-tools
 * Chat `tools` / `tool_choice` (and the legacy `functions` / `function_call`) → IR.
 * Only `function` tools are read; other tool types (e.g. `custom`) are ignored.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
import { invalidRequest } from '../../ir/errors.js';
import type { IrFunctionTool, IrToolChoice } from '../../ir/types.js';
import { asString, isRecord } from '../shared/guards.js';

const EMPTY_PARAMETERS = { type: 'object', properties: {} };

/** `tools`, or the legacy `functions` when there are no `tools`. */
export function decodeTools(body: Record<string, unknown>): IrFunctionTool[] {
  if (body.tools !== undefined && body.tools !== null) {
    if (!Array.isArray(body.tools)) throw invalidRequest('tools must be an array', 'tools');
    const tools: IrFunctionTool[] = [];
    body.tools.forEach((t, i) => {
      if (!isRecord(t)) throw invalidRequest(`tools[${i}] must be an object`, `tools[${i}]`);
      if (t.type !== 'function') return;
      tools.push(functionTool(t.function, `tools[${i}].function`));
    });
    return tools;
  }
  if (Array.isArray(body.functions)) return body.functions.map((f, i) => functionTool(f, `functions[${i}]`));
  return [];
}

function functionTool(fn: unknown, path: string): IrFunctionTool {
  const name = isRecord(fn) ? asString(fn.name) : undefined;
  if (!isRecord(fn) || !name) throw invalidRequest(`${path}.name is required`, `${path}.name`);
  const tool: IrFunctionTool = {
    kind: 'function',
    name,
    parameters: isRecord(fn.parameters) ? fn.parameters : EMPTY_PARAMETERS,
  };
  if (typeof fn.description === 'string') tool.description = fn.description;
  if (typeof fn.strict === 'boolean') tool.strict = fn.strict;
  return tool;
}

/** `tool_choice`, or the legacy `function_call`. */
export function decodeToolChoice(body: Record<string, unknown>): IrToolChoice | undefined {
  if (body.tool_choice !== undefined && body.tool_choice !== null) return choice(body.tool_choice, 'tool_choice');
  if (body.function_call !== undefined && body.function_call !== null) return choice(body.function_call, 'function_call');
  return undefined;
}

function choice(raw: unknown, param: string): IrToolChoice {
  if (raw === 'auto' || raw === 'none' || raw === 'required') return { type: raw };
  if (isRecord(raw)) {
    // {type:'function', function:{name}} (tool_choice) or {name} (legacy function_call)
    const name = isRecord(raw.function) ? asString(raw.function.name) : asString(raw.name);
    if (name) return { type: 'tool', name };
  }
  throw invalidRequest(`${param} must be "auto", "none", "required" or {"type":"function","function":{"name":…}}`, param);
}
