/**
 * @module dialects/shared/declared-tool
 * The tool a forced `tool_choice` names, looked up among the request's own tools, so the
 * choice can use the same wire name and kind as the tool list (wire-contract §6.1 "Tools").
 * Hosted tools are never a forced choice's target.
 */
import type { IrCustomTool, IrFunctionTool, IrTool, IrToolChoice } from '../../ir/types.js';

/**
 * The function or custom tool with the choice's name and namespace; undefined when the
 * request does not declare one.
 * @example
 * declaredTool(req.tools, { type: 'tool', name: 'apply_patch' })?.kind // 'custom'
 */
export function declaredTool(
  tools: readonly IrTool[],
  choice: Extract<IrToolChoice, { type: 'tool' }>,
): IrFunctionTool | IrCustomTool | undefined {
  return tools.find((t): t is IrFunctionTool | IrCustomTool => t.kind !== 'hosted' && t.name === choice.name && t.namespace === choice.namespace);
}
