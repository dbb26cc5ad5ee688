/**
 * @module dialects/openai-chat/encode-tool-call
 * The chat `arguments` string for an IR tool call. Chat has only function calls, so a
 * free-form (custom) call's raw input is wrapped as `{"input": …}` (wire-contract §6.1).
 */
import type { IrToolCallPart } from '../../ir/types.js';
import { wrapCustomInput } from '../shared/custom-tool-parameters.js';

export function chatArguments(call: Pick<IrToolCallPart, 'toolKind' | 'arguments'>): string {
  return call.toolKind === 'custom' ? JSON.stringify(wrapCustomInput(call.arguments)) : call.arguments;
}
