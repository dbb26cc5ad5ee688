/**
 * @module dialects/shared/system-reminder
 * A mid-conversation system message for upstreams that take system text only up front
 * (Anthropic Messages, Bedrock Converse): it becomes user text wrapped in
 * `<system-reminder>`, Claude Code's own convention, so it keeps its place in the
 * conversation (wire-contract §6.3 "System content").
 */
import type { IrPart, IrTextPart } from '../../ir/types.js';

/**
 * The reminder text and the non-blank text parts it joins; undefined when every part is
 * blank or not text. Codecs read `parts` for their cache markers.
 * @example
 * systemReminder([{ type: 'text', text: 'Be terse.' }])?.text
 * // '<system-reminder>\nBe terse.\n</system-reminder>'
 */
export function systemReminder(parts: readonly IrPart[]): { text: string; parts: IrTextPart[] } | undefined {
  const texts = parts.filter((p): p is IrTextPart => p.type === 'text' && p.text.trim() !== '');
  if (texts.length === 0) return undefined;
  return { text: `<system-reminder>\n${texts.map((p) => p.text).join('\n')}\n</system-reminder>`, parts: texts };
}
