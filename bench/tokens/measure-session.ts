/**
 * @module bench/tokens/measure-session
 * Replays one agent session with a set of token-optimisation techniques and measures what
 * goes upstream: the Ollama `/api/chat` body local models get, its text counted in o200k BPE
 * tokens (js-tiktoken) and bytes.
 * - last request: tokens and bytes of the final (largest) request;
 * - session: tokens of every request added up (what a server without a prefix cache reads);
 * - prefill: what a server with a KV prefix cache (llama.cpp, Ollama) must process anew each
 *   turn: everything after the longest unchanged prefix of encoded messages (all of it for the
 *   first request, or when the tools changed). The price of changing the prefix;
 * - prefix breaks: turns whose history does not simply extend the previous turn's.
 */
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { anthropicMessagesCodec } from '../../src/dialects/anthropic-messages/index.js';
import { ollamaCodec } from '../../src/dialects/ollama/index.js';
import { openaiResponsesCodec } from '../../src/dialects/openai-responses/index.js';
import { ToolNameMap } from '../../src/ir/tool-names.js';
import { optimizeRequest, type Technique } from '../../src/pipeline/optimize/optimize-request.js';
import type { AgentSession } from './agent-sessions.js';

export interface SessionFigures {
  requests: number;
  lastRequestTokens: number;
  lastRequestBytes: number;
  sessionTokens: number;
  prefillTokens: number;
  prefixBreaks: number;
}

const CODECS = { 'openai-responses': openaiResponsesCodec, 'anthropic-messages': anthropicMessagesCodec } as const;
const encoder = new Tiktoken(o200k);
const tokens = (text: string): number => encoder.encode(text, [], []).length;

/** Length of the common prefix of two lists of encoded messages. */
function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export function measureSession(session: AgentSession, techniques: readonly Technique[]): SessionFigures {
  const codec = CODECS[session.dialect];
  const figures: SessionFigures = { requests: 0, lastRequestTokens: 0, lastRequestBytes: 0, sessionTokens: 0, prefillTokens: 0, prefixBreaks: 0 };
  let previous: { messages: string[]; tools: string } | undefined;
  for (const body of session.requests) {
    const decoded = codec.decodeRequest(body);
    const req = techniques.length > 0 ? optimizeRequest(decoded, { techniques }).req : decoded;
    const encoded = ollamaCodec.encodeRequest(req, { model: 'qwen2.5-coder:7b', toolNames: ToolNameMap.forRequest(req), stream: true });
    const text = JSON.stringify(encoded);
    const messages = (encoded.messages as unknown[]).map((m) => JSON.stringify(m));
    const tools = JSON.stringify(encoded.tools ?? []);
    const total = tokens(text);
    figures.requests++;
    figures.sessionTokens += total;
    figures.lastRequestTokens = total;
    figures.lastRequestBytes = Buffer.byteLength(text);
    if (!previous || previous.tools !== tools) {
      if (previous) figures.prefixBreaks++;
      figures.prefillTokens += total;
    } else {
      const kept = commonPrefix(previous.messages, messages);
      if (kept < previous.messages.length) figures.prefixBreaks++;
      figures.prefillTokens += tokens(messages.slice(kept).join(','));
    }
    previous = { messages, tools };
  }
  return figures;
}
