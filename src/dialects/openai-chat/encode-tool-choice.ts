/**
 * @module dialects/openai-chat/encode-tool-choice
 * IR tool choice → chat `tool_choice` (egress). Named choices use the same wire name as the
 * tool list. Callers omit it when no tools remain (§6.1: compaction requests).
 */
import type { IrTool, IrToolChoice } from '../../ir/types.js';
import type { ToolNameMap } from '../../ir/tool-names.js';
import { declaredTool } from '../shared/declared-tool.js';

/** The chat `tool_choice` for the IR choice (only meaningful when tools remain). */
export function encodeToolChoice(choice: IrToolChoice, tools: readonly IrTool[], toolNames: ToolNameMap): unknown {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'tool': {
      const declared = declaredTool(tools, choice);
      const kind = declared?.kind === 'custom' ? 'custom' : 'function';
      return { type: 'function', function: { name: toolNames.wireName(choice.name, choice.namespace, kind) } };
    }
  }
}
