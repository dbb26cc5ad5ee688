/**
 * @module dialects/anthropic-messages/sse-frame
 * One Anthropic SSE frame, `event: <type>\ndata: <json>\n\n` (wire-contract §3.4). Anthropic
 * names every event twice, in the `event:` line and in the payload's `type`; Claude Code and
 * the SDKs dispatch on the payload, so both always agree here.
 */

/**
 * Renders one SSE frame. `data.type` is set to `type`.
 * @example
 * anthropicSseFrame('ping', {}) // 'event: ping\ndata: {"type":"ping"}\n\n'
 */
export function anthropicSseFrame(type: string, data: Record<string, unknown> = {}): string {
  // `type` first, as Anthropic sends it. JSON.stringify escapes newlines inside strings,
  // so the payload is always a single `data:` line.
  const payload = Object.assign({ type }, data, { type });
  return `event: ${type}\ndata: ${JSON.stringify(payload)}\n\n`;
}
