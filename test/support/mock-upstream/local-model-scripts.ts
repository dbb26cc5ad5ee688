/**
 * @module test/support/mock-upstream/local-model-scripts
 * Scripts for the ways small local models break agent loops (issue 5): a model that
 * writes its tool calls as text instead of structured calls, and a model that calls a
 * tool forever. Both decide from the request alone, like `shellToolScript`, so retried
 * requests get the same answer.
 */
import { SHELL_TOOL, calledToolNames, declaredToolNames, trailingToolOutputs, unwrapShellOutput } from '../scripts.js';
import type { MockScript } from './types.js';

/** How weak models write a call as text (wire-contract §6.2). */
export type TextCallFormat = 'json' | 'fenced-json' | 'qwen' | 'qwen3-coder' | 'llama-function';

/** A call of `name` with `args`, written as text in `format`. */
export function renderTextToolCall({ format, name, args }: { format: TextCallFormat; name: string; args: Record<string, unknown> }): string {
  const json = JSON.stringify({ name, arguments: args });
  switch (format) {
    case 'json':
      return json;
    case 'fenced-json':
      return '```json\n' + JSON.stringify({ name, arguments: args }, null, 2) + '\n```';
    case 'qwen':
      return `<tool_call>\n${json}\n</tool_call>`;
    case 'qwen3-coder': {
      const params = Object.entries(args).map(([k, v]) => `<parameter=${k}>\n${typeof v === 'string' ? v : JSON.stringify(v)}\n</parameter>`);
      return `<tool_call>\n<function=${name}>\n${params.join('\n')}\n</function>\n</tool_call>`;
    }
    case 'llama-function':
      return `<function=${name}>${JSON.stringify(args)}</function>`;
  }
}

export interface TextToolScriptOptions {
  cli: 'codex' | 'claude';
  command: string;
  format?: TextCallFormat;
}

/**
 * `shellToolScript` for a model without working tool calling: the call of the CLI's shell
 * tool comes as text (`format`, default bare JSON) in the message content, never as a
 * structured call. After the tool result: `FINAL: <output>`.
 */
export function textToolScript({ cli, command, format = 'json' }: TextToolScriptOptions): MockScript {
  const tool = SHELL_TOOL[cli];
  return (req) => {
    const outputs = trailingToolOutputs(req);
    if (outputs.length > 0) return { text: `FINAL: ${unwrapShellOutput(outputs[outputs.length - 1])}` };
    if (calledToolNames(req).includes(tool.name) || !declaredToolNames(req).includes(tool.name)) return { text: 'FINAL: no tool output' };
    return { text: renderTextToolCall({ format, name: tool.name, args: tool.args(command) }) };
  };
}

export interface EndlessToolScriptOptions {
  cli: 'codex' | 'claude';
  /** Text answered when the request offers no tools (the loop guard took them away). */
  finalText?: string;
}

/** A model stuck in a loop: whenever the shell tool is offered it calls it again (`echo loop-<n>`). */
export function endlessToolScript({ cli, finalText = 'I could not finish the task.' }: EndlessToolScriptOptions): MockScript {
  const tool = SHELL_TOOL[cli];
  return (req, turn) => {
    if (!declaredToolNames(req).includes(tool.name)) return { text: finalText };
    return { text: '', toolCalls: [{ name: tool.name, arguments: tool.args(`echo loop-${turn}`) }] };
  };
}
