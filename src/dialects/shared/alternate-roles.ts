/**
 * @module dialects/shared/alternate-roles
 * The turn structure Anthropic Messages and Bedrock Converse require: user and assistant
 * messages alternate (wire-contract §6.3, §6.4). Everything that is not the assistant
 * (user, tool results, mid-conversation system text) is user content; neighbours with the
 * same role are merged in order; a message that encodes to nothing is skipped, since both
 * APIs reject empty content.
 */
import type { IrMessage } from '../../ir/types.js';

/** A wire message of either API: a role and its blocks. */
export interface RoleMessage<Block> {
  role: 'user' | 'assistant';
  content: Block[];
}

/**
 * Encodes each message with `encode` (called once per message, in order) and merges
 * same-role neighbours.
 * @example
 * alternateRoles(req.messages, (m) => encodeParts(m, names))
 * // [{ role: 'user', content: [...] }, { role: 'assistant', content: [...] }, …]
 */
export function alternateRoles<Block>(messages: readonly IrMessage[], encode: (m: IrMessage) => Block[]): RoleMessage<Block>[] {
  const out: RoleMessage<Block>[] = [];
  for (const m of messages) {
    const content = encode(m);
    if (content.length === 0) continue;
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const prev = out.at(-1);
    if (prev?.role === role) prev.content.push(...content);
    else out.push({ role, content });
  }
  return out;
}
