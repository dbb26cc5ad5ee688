/**
 * @module bench/tokens/agent-sessions
 * Multi-round agent sessions for the token benchmark, built from the captured client
 * requests (shared/fixtures: Codex CLI 0.169.0 `basic-turn1`, Claude Code 2.1.197 `basic`)
 * plus 16 scripted tool rounds whose outputs are real source files (fastify's `lib/`, pinned by
 * package-lock.json), a file listing, searches, test runs and a diff. Each round appends the model's
 * tool call and the tool's output in the client's own wire format, so the requests go
 * through the real ingress decoders, exactly as the clients would send them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCapturedRequest } from '../lib/codex-fixture.js';

type Json = Record<string, any>;

const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);
const PROJECT = fileURLToPath(new URL('../../node_modules/fastify/', import.meta.url));

/** One scripted tool round: what the agent runs and what comes back. */
interface ToolRound {
  /** Shell command (Codex exec_command `cmd`, Claude Code Bash `command`) or a file read. */
  action: { kind: 'shell'; command: string } | { kind: 'read'; path: string; lines: number };
  output: string;
}

export interface AgentSession {
  name: string;
  /** The client's dialect, for its ingress codec. */
  dialect: 'openai-responses' | 'anthropic-messages';
  /** The request body the client sends after each round (round 0: the task alone). */
  requests: Json[];
}

function fileLines(path: string, lines: number): string[] {
  return readFileSync(`${PROJECT}${path}`, 'utf8').split('\n').slice(0, lines);
}

function testRun(failing: boolean): string {
  const names = readdirSync(`${PROJECT}test`).filter((f) => f.endsWith('.test.js')).slice(0, 60);
  const lines = names.map((f, i) => `${failing && i === 17 ? 'not ok' : 'ok'} ${i + 1} - ${f.replace(/\.test\.js$/, '')}`);
  if (failing) lines.splice(18, 0, '  ---', "  error: 'Expected 200, received 500'", '  at test/reply.test.js:412:5', '  ...');
  return [...lines, `# tests ${names.length}`, `# pass ${names.length - (failing ? 1 : 0)}`, `# fail ${failing ? 1 : 0}`].join('\n');
}

/** The 16 rounds of a "find and fix the failing reply test" task, the same for both agents. */
function scriptedRounds(): ToolRound[] {
  const listing = readdirSync(`${PROJECT}lib`).map((f) => `lib/${f}`).concat(readdirSync(`${PROJECT}test`).slice(0, 120).map((f) => `test/${f}`)).join('\n');
  const read = (path: string, lines: number): ToolRound => ({ action: { kind: 'read', path, lines }, output: fileLines(path, lines).join('\n') });
  const shell = (command: string, output: string): ToolRound => ({ action: { kind: 'shell', command }, output });
  const grep = (pattern: string, files: string[]) =>
    files.flatMap((f) => fileLines(f, 100_000).flatMap((line, i) => (line.includes(pattern) ? [`${f}:${i + 1}:${line}`] : []))).join('\n');
  const diff = ['diff --git a/lib/reply.js b/lib/reply.js', '--- a/lib/reply.js', '+++ b/lib/reply.js', '@@ -412,7 +412,7 @@', ...fileLines('lib/reply.js', 419).slice(412).map((l) => ` ${l}`)].join('\n');
  const libFiles = ['lib/reply.js', 'lib/route.js', 'lib/hooks.js', 'lib/request.js', 'lib/context.js', 'lib/errors.js'];
  return [
    shell('rg --files lib test | head -200', listing),
    shell('npm test', testRun(true)),
    read('lib/reply.js', 400),
    shell("rg -n 'onSend' lib", grep('onSend', libFiles)),
    read('lib/route.js', 300),
    read('lib/hooks.js', 250),
    read('lib/request.js', 250),
    read('lib/context.js', 100),
    shell("rg -n 'kReplyHeaders' lib", grep('kReplyHeaders', libFiles)),
    read('lib/errors.js', 300),
    read('lib/reply.js', 400), // read again before editing: the same output twice
    shell('npm test -- test/reply.test.js', testRun(true)),
    read('lib/reply.js', 400), // and once more after the edit failed to apply
    shell('git diff', diff),
    shell('npm test', testRun(false)),
    shell('git status --short', ' M lib/reply.js'),
  ];
}

/** Codex wraps every exec_command output like this (fixtures/codex-0.169.0/tool-turn2.http). */
function codexOutput(round: number, output: string): string {
  return `Chunk ID: ${(0x9e3779 * (round + 1)).toString(16).slice(-6)}\nWall time: 0.${round + 1}000 seconds\nProcess exited with code 0\nOriginal token count: ${Math.ceil(output.length / 4)}\nOutput:\n${output}\n`;
}

function codexCommand(action: ToolRound['action']): string {
  return action.kind === 'shell' ? action.command : `sed -n '1,${action.lines}p' ${action.path}`;
}

export function codexSession(): AgentSession {
  const base = JSON.parse(readCapturedRequest(new URL('codex-0.169.0/basic-turn1.http', FIXTURES)).body.toString('utf8')) as Json;
  const input: Json[] = [...base.input];
  const requests: Json[] = [{ ...base, input: [...input] }];
  scriptedRounds().forEach((round, i) => {
    const callId = `call_bench_${i}`;
    input.push({ type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: codexCommand(round.action) }), call_id: callId });
    input.push({ type: 'function_call_output', call_id: callId, output: codexOutput(i, round.output) });
    requests.push({ ...base, input: [...input] });
  });
  return { name: 'codex', dialect: 'openai-responses', requests };
}

/** Claude Code's Read returns `cat -n` style numbered lines. */
function numbered(text: string): string {
  return text
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(6)}\t${l}`)
    .join('\n');
}

export function claudeCodeSession(): AgentSession {
  const base = JSON.parse(readCapturedRequest(new URL('claude-code-2.1.197/basic.http', FIXTURES)).body.toString('utf8')) as Json;
  const messages: Json[] = [...base.messages];
  const requests: Json[] = [{ ...base, messages: [...messages] }];
  scriptedRounds().forEach((round, i) => {
    const id = `toolu_bench_${i}`;
    const use =
      round.action.kind === 'shell'
        ? { type: 'tool_use', id, name: 'Bash', input: { command: round.action.command, description: 'Run a command' } }
        : { type: 'tool_use', id, name: 'Read', input: { file_path: `/home/dev/project/${round.action.path}`, limit: round.action.lines } };
    const content = round.action.kind === 'read' ? numbered(round.output) : round.output;
    messages.push({ role: 'assistant', content: [{ type: 'text', text: `Step ${i + 1}.` }, use] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content }] });
    requests.push({ ...base, messages: [...messages] });
  });
  return { name: 'claude-code', dialect: 'anthropic-messages', requests };
}
