/**
 * @module test/unit/optimize/session
 * A synthetic agent session in IR: a user task, then `rounds` tool rounds (assistant call +
 * tool result of `outputChars` characters), as the history of the request after the last round.
 */
import type { IrMessage, IrRequest } from '../../../src/ir/types.js';

export function sessionRequest({ rounds, outputChars = 2000, output }: { rounds: number; outputChars?: number; output?: (round: number) => string }): IrRequest {
  const messages: IrMessage[] = [{ role: 'user', parts: [{ type: 'text', text: 'Fix the failing test.' }] }];
  for (let r = 0; r < rounds; r++) {
    const text = output ? output(r) : `output of round ${r}\n` + `line ${r} `.repeat(Math.ceil(outputChars / 7)).slice(0, outputChars);
    messages.push({ role: 'assistant', parts: [{ type: 'tool_call', id: `call_${r}`, name: 'exec_command', toolKind: 'function', arguments: JSON.stringify({ cmd: `step ${r}` }) }] });
    messages.push({ role: 'tool', parts: [{ type: 'tool_result', callId: `call_${r}`, content: [{ type: 'text', text }] }] });
  }
  return {
    model: 'gpt-5.5',
    system: [{ type: 'text', text: 'You are a coding agent.' }],
    tools: [{ kind: 'function', name: 'exec_command', parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] } }],
    messages,
    stream: true,
    extensions: {},
  };
}

/** The text of every tool result, in order. */
export function resultTexts(req: IrRequest): string[] {
  return req.messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'tool_result' ? [p.content.map((c) => (c.type === 'text' ? c.text : '[image]')).join('')] : [])));
}
