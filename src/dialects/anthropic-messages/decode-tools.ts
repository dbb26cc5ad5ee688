/**
 * @module dialects/anthropic-messages/decode-tools
 * Anthropic `tools` and `tool_choice` → IR (wire-contract §2.2, §6.3 "Tools and parameters").
 * Client tools (`{name, description, input_schema}`, optionally `type:"custom"`) become function
 * tools; typed Anthropic tools (`web_search_20250305`, `code_execution_*`, `bash_*`,
 * `text_editor_*`, `tool_search_tool_*`, …) become hosted tools that only an Anthropic
 * upstream receives.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 */
import { invalidRequest } from '../../ir/errors.js';
import type { IrTool, IrToolChoice } from '../../ir/types.js';
import { DIALECT, isRecord } from './wire-types.js';

/** Decodes `tools` (absent → none). */
export function decodeTools(raw: unknown): IrTool[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidRequest('tools: expected an array', 'tools');
  return raw.map((t, i): IrTool => {
    const param = `tools.${i}`;
    if (!isRecord(t)) throw invalidRequest(`${param}: each tool must be an object`, param);
    if (typeof t.type === 'string' && t.type !== 'custom') {
      return { kind: 'hosted', dialect: DIALECT, type: t.type, value: t };
    }
    if (typeof t.name !== 'string' || t.name === '') throw invalidRequest(`${param}.name: expected a non-empty string`, `${param}.name`);
    return {
      kind: 'function',
      name: t.name,
      ...(typeof t.description === 'string' ? { description: t.description } : {}),
      parameters: isRecord(t.input_schema) ? t.input_schema : { type: 'object', properties: {} },
      ...(typeof t.strict === 'boolean' ? { strict: t.strict } : {}),
      ...(t.cache_control === undefined ? {} : { cacheControl: t.cache_control }),
    };
  });
}

/** Decodes `tool_choice`; `disable_parallel_tool_use: true` becomes `parallelToolCalls: false`. */
export function decodeToolChoice(raw: unknown): { toolChoice?: IrToolChoice; parallelToolCalls?: boolean } {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw invalidRequest('tool_choice: expected an object', 'tool_choice');
  const parallel = raw.disable_parallel_tool_use === true ? { parallelToolCalls: false } : {};
  switch (raw.type) {
    case 'auto':
      return { toolChoice: { type: 'auto' }, ...parallel };
    case 'any':
      return { toolChoice: { type: 'required' }, ...parallel };
    case 'none':
      return { toolChoice: { type: 'none' }, ...parallel };
    case 'tool':
      if (typeof raw.name !== 'string' || raw.name === '') {
        throw invalidRequest('tool_choice.name: expected a non-empty string', 'tool_choice.name');
      }
      return { toolChoice: { type: 'tool', name: raw.name }, ...parallel };
    default:
      throw invalidRequest("tool_choice.type: expected 'auto', 'any', 'tool' or 'none'", 'tool_choice.type');
  }
}
