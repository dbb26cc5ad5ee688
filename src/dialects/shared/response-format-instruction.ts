/**
 * @module dialects/shared/response-format-instruction
 * A JSON response format as a system instruction, for upstreams without a `response_format`
 * field (Anthropic Messages, Bedrock Converse): wire-contract §6.1 "`text.format`
 * (json_schema) … Anthropic and Bedrock: use tool-forcing or prompt instructions". The
 * codecs append it after the client's system text, so prompt-cache breakpoints stay put.
 */
import type { IrResponseFormat } from '../../ir/types.js';

/**
 * The instruction for a JSON response format; undefined for plain text (or none).
 * @example
 * responseFormatInstruction({ type: 'json_object' })
 * // 'Respond with a single valid JSON object only: no prose, no Markdown code fences.'
 */
export function responseFormatInstruction(format: IrResponseFormat | undefined): string | undefined {
  switch (format?.type) {
    case undefined:
    case 'text':
      return undefined;
    case 'json_object':
      return 'Respond with a single valid JSON object only: no prose, no Markdown code fences.';
    case 'json_schema': {
      const about = [format.name, format.description].filter(Boolean).join(': ');
      return (
        'Respond with a single valid JSON value only (no prose, no Markdown code fences) that matches this JSON Schema' +
        (about ? ` (${about})` : '') +
        `:\n${JSON.stringify(format.schema)}`
      );
    }
  }
}
