/**
 * @module dialects/anthropic-messages/encode-tools
 * IR tools and tool choice → Anthropic `tools` / `tool_choice` for an Anthropic-compatible
 * upstream. Names go through the request's ToolNameMap so the tool list and the calls in
 * history agree (Claude Code MCP names can exceed 64 characters, §6.3).
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 */
import type { ToolNameMap } from '../../ir/tool-names.js';
import type { IrTool, IrToolChoice } from '../../ir/types.js';
import { DIALECT, isRecord } from './wire-types.js';

/** The one-string schema a custom (free-form) tool gets; its calls come back as `{input}`. */
export const CUSTOM_TOOL_SCHEMA = {
  type: 'object',
  properties: { input: { type: 'string', description: 'The raw input for this tool.' } },
  required: ['input'],
} as const;

/**
 * Encodes the tool list. Hosted tools are kept only when they came from an Anthropic client
 * (`web_search_20250305` and friends, verbatim); hosted tools of other dialects are dropped.
 * `strict` is not sent: Anthropic accepts it only behind the structured-outputs beta.
 */
export function encodeTools(tools: readonly IrTool[], names: ToolNameMap): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const t of tools) {
    switch (t.kind) {
      case 'function': {
        // Anthropic requires `input_schema.type: "object"`; OpenAI clients sometimes send `{}`.
        const schema = isRecord(t.parameters) && t.parameters.type !== undefined ? t.parameters : { type: 'object', ...t.parameters };
        out.push({
          name: names.wireName(t.name, t.namespace, 'function'),
          ...(t.description ? { description: t.description } : {}),
          input_schema: schema,
          ...(t.cacheControl === undefined ? {} : { cache_control: t.cacheControl }),
        });
        break;
      }
      case 'custom':
        out.push({
          name: names.wireName(t.name, t.namespace, 'custom'),
          ...(t.description ? { description: t.description } : {}),
          input_schema: CUSTOM_TOOL_SCHEMA,
        });
        break;
      case 'hosted':
        if (t.dialect === DIALECT) out.push(t.value as Record<string, unknown>);
        break;
    }
  }
  return out;
}

/**
 * Encodes the tool choice (call only when tools are sent). `parallelToolCalls: false` becomes
 * `disable_parallel_tool_use: true`, which Anthropic only accepts on auto/any/tool.
 */
export function encodeToolChoice(
  choice: IrToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
  names: ToolNameMap,
): Record<string, unknown> | undefined {
  const noParallel = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  switch (choice?.type) {
    case undefined:
      return parallelToolCalls === false ? { type: 'auto', ...noParallel } : undefined;
    case 'auto':
      return { type: 'auto', ...noParallel };
    case 'required':
      return { type: 'any', ...noParallel };
    case 'none':
      return { type: 'none' };
    case 'tool':
      return { type: 'tool', name: names.wireName(choice.name, choice.namespace), ...noParallel };
  }
}
