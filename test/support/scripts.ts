/**
 * @module test/support/scripts
 * Reusable scripts for the mock upstreams, plus dialect-aware readers of the recorded request
 * (tool results, earlier tool calls, declared tools) that work in every mock dialect.
 */
import type { MockScript, MockTurn, RecordedRequest } from './mock-upstream/index.js';

/** The shell tool each CLI declares (wire-contract §2.1.2 and the fixtures). */
export const SHELL_TOOL = {
  /** Codex 0.169.0: `exec_command` with `{cmd}` (fixtures/codex-0.169.0/basic-turn1.http). */
  codex: { name: 'exec_command', args: (command: string) => ({ cmd: command }) },
  /** Claude Code 2.1.197: `Bash` with `{command, description}` (fixtures/claude-code-2.1.197/tool-turn2.http). */
  claude: { name: 'Bash', args: (command: string) => ({ command, description: 'Run the requested shell command' }) },
} as const;

type Json = Record<string, unknown>;

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Json[]) : [];
}

/** Text of a content value: a string, or an array of text-like parts (`text`, `input_text`, `output_text`). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** Conversation entries of a request: `messages` (chat, ollama, anthropic) or `input` items (responses). */
function entriesOf(req: RecordedRequest): Json[] {
  const body = (req.body ?? {}) as Json;
  if (req.dialect === 'openai-responses') {
    return typeof body.input === 'string' ? [{ type: 'message', role: 'user', content: body.input }] : asArray(body.input);
  }
  return asArray(body.messages);
}

/** Whether an entry was produced by the model (an assistant message or a Responses call/reasoning item). */
function isModelEntry(entry: Json): boolean {
  if (entry.role === 'assistant') return true;
  return ['function_call', 'custom_tool_call', 'reasoning', 'local_shell_call'].includes(String(entry.type));
}

/**
 * Tool results sent after the model's last turn, in order, as text: Anthropic `tool_result` blocks,
 * chat/Ollama `role:"tool"` messages, Responses `function_call_output` / `custom_tool_call_output` items.
 */
export function trailingToolOutputs(req: RecordedRequest): string[] {
  const entries = entriesOf(req);
  let start = entries.length;
  while (start > 0 && !isModelEntry(entries[start - 1])) start--;
  const outputs: string[] = [];
  for (const entry of entries.slice(start)) {
    if (entry.role === 'tool') outputs.push(textOf(entry.content));
    if (entry.type === 'function_call_output' || entry.type === 'custom_tool_call_output') outputs.push(textOf(entry.output));
    if (entry.role === 'user' && Array.isArray(entry.content)) {
      for (const block of asArray(entry.content)) if (block.type === 'tool_result') outputs.push(textOf(block.content));
      // Bedrock Converse: `{toolResult: {toolUseId, content: [{text}]}}` blocks
      for (const block of asArray(entry.content)) if (block.toolResult) outputs.push(textOf((block.toolResult as Json).content));
    }
  }
  return outputs;
}

/** Names of the tools the model called anywhere in the request's history. */
export function calledToolNames(req: RecordedRequest): string[] {
  const names: string[] = [];
  for (const entry of entriesOf(req)) {
    if (entry.type === 'function_call' || entry.type === 'custom_tool_call') names.push(String(entry.name));
    for (const call of asArray(entry.tool_calls)) names.push(String((call.function as Json | undefined)?.name));
    if (entry.role === 'assistant') for (const block of asArray(entry.content)) if (block.type === 'tool_use') names.push(String(block.name));
    if (entry.role === 'assistant') for (const block of asArray(entry.content)) if (block.toolUse) names.push(String((block.toolUse as Json).name));
  }
  return names;
}

/** Names of the tools a request declares (flat `name`, chat `function.name`, Responses namespace children). */
export function declaredToolNames(req: RecordedRequest): string[] {
  const body = (req.body ?? {}) as Json;
  // Bedrock Converse declares `toolConfig.tools[].toolSpec`.
  const tools = [...asArray(body.tools), ...asArray((body.toolConfig as Json | undefined)?.tools).map((t) => (t.toolSpec ?? {}) as Json)];
  return tools.flatMap((tool) => {
    if (tool.type === 'namespace') return asArray(tool.tools).map((child) => String(child.name));
    const fn = tool.function as Json | undefined;
    return [String(fn?.name ?? tool.name ?? '')];
  });
}

/**
 * The command output inside a tool result. Codex wraps it ("Chunk ID: …\nProcess exited with code 0\n
 * …\nOutput:\n<output>"); Claude Code sends the bare output.
 */
export function unwrapShellOutput(text: string): string {
  const match = /(?:^|\n)Output:\n([\s\S]*)$/.exec(text);
  return (match ? match[1] : text).trim();
}

/** A script that answers every turn with the same text. */
export function textScript(text: string): MockScript {
  return () => ({ text });
}

/** A script that plays `turns` in order and then repeats the last one. */
export function sequenceScript(turns: MockTurn[]): MockScript {
  if (turns.length === 0) throw new Error('sequenceScript needs at least one turn');
  return (_req, turn) => turns[Math.min(turn, turns.length - 1)];
}

export interface ShellToolScriptOptions {
  cli: 'codex' | 'claude';
  command: string;
}

/** How often shellToolScript re-issues the call for a request that does not show it yet (upstream retries). */
const MAX_SHELL_CALLS = 3;

/**
 * A two-step agent, decided from the request alone so that retried requests get the same answer:
 * - the request carries tool results after the model's last turn → `FINAL: <last result's output, trimmed>`;
 * - its history already holds a call of the shell tool (the result got lost) → `FINAL: no tool output`;
 * - it declares the CLI's shell tool → a call of that tool with `command`
 *   (at most 3 times per script instance, so a proxy that drops the whole exchange cannot loop);
 * - anything else (side requests without tools) → `FINAL: no tool output`.
 *
 * @example
 * const upstream = await startMockUpstream({ dialect: 'anthropic', script: shellToolScript({ cli: 'claude', command: 'echo ok' }) });
 */
export function shellToolScript({ cli, command }: ShellToolScriptOptions): MockScript {
  const tool = SHELL_TOOL[cli];
  let calls = 0;
  return (req) => {
    const outputs = trailingToolOutputs(req);
    if (outputs.length > 0) return { text: `FINAL: ${unwrapShellOutput(outputs[outputs.length - 1])}` };
    const canCall = calls < MAX_SHELL_CALLS && !calledToolNames(req).includes(tool.name) && declaredToolNames(req).includes(tool.name);
    if (!canCall) return { text: 'FINAL: no tool output' };
    calls++;
    return { text: 'Running the command.', toolCalls: [{ name: tool.name, arguments: tool.args(command) }] };
  };
}
