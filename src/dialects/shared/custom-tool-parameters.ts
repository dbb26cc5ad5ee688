/**
 * @module dialects/shared/custom-tool-parameters
 * Free-form ("custom") tools such as Codex's `apply_patch` exist only in the Responses
 * API. Toward function-only upstreams they become a function with one required string
 * property `input` carrying the raw text (wire-contract §2.1.2, §6.1); calls in history
 * are wrapped the same way, and the model's calls are unwrapped on the way back by the
 * pipeline (`restore-tool-calls`).
 */
import type { IrCustomTool, JsonSchema } from '../../ir/types.js';
import { isRecord } from './guards.js';

/** The JSON Schema of the function that stands in for a custom tool. */
export function customToolParameters(tool: IrCustomTool): JsonSchema {
  return {
    type: 'object',
    properties: { input: { type: 'string', description: `Raw input for this freeform tool${grammarHint(tool.format)}` } },
    required: ['input'],
  };
}

/** The arguments object a custom call's raw input becomes. */
export function wrapCustomInput(input: string): { input: string } {
  return { input };
}

function grammarHint(format: unknown): string {
  if (!isRecord(format) || format.type !== 'grammar' || typeof format.definition !== 'string') return '.';
  const syntax = typeof format.syntax === 'string' ? `${format.syntax} ` : '';
  return `. It must match this ${syntax}grammar:\n${format.definition}`;
}
