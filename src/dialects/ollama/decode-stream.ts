/**
 * @module dialects/ollama/decode-stream
 * Ollama `/api/chat` NDJSON lines (each one parsed object) → IR events (egress,
 * wire-contract §6.2, §6.5):
 * - `message.thinking` → a reasoning block (provider `ollama`); `message.content` → text,
 *   with inline `<think>…</think>` at the start split off as reasoning;
 * - `message.tool_calls` (several in one line, or across lines) carry no ids and OBJECT
 *   arguments: ids are synthesized `call_<random>` (kept when a newer Ollama sends one) and
 *   arguments serialized with JSON.stringify; the calls are emitted whole at the end;
 * - the `done: true` line gives usage (`prompt_eval_count`, `eval_count`) and `done_reason`;
 * - an `{"error":"…"}` line ends the stream with an IR error, and so does input that ends
 *   without a `done` line (Ollama always sends one, so the answer was cut off).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import { LynkrError } from '../../ir/errors.js';
import { newId } from '../../ir/helpers.js';
import type { IrStream, IrStreamEvent, IrUsage } from '../../ir/types.js';
import { asNumber, asString, isRecord } from '../shared/guards.js';
import { StreamBlockWriter } from '../shared/stream-block-writer.js';
import { ThinkTagSplitter, type ThinkSegment } from '../shared/think-tag-splitter.js';
import type { AccumulatedToolCall } from '../shared/tool-call-accumulator.js';
import { upstreamErrorMessage } from '../shared/upstream-error.js';
import { decodeOllamaDoneReason } from './map-finish-reason.js';

const REASONING_PROVIDER = 'ollama';

export async function* decodeOllamaStream(payloads: AsyncIterable<unknown>): IrStream {
  const writer = new StreamBlockWriter();
  const think = new ThinkTagSplitter();
  const calls: AccumulatedToolCall[] = [];

  const segments = function* (segs: ThinkSegment[]): Generator<IrStreamEvent> {
    for (const s of segs) yield* s.kind === 'text' ? writer.text(s.text) : writer.reasoning(s.text, REASONING_PROVIDER);
  };

  for await (const line of payloads) {
    if (!isRecord(line)) continue;
    if (line.error !== undefined && line.error !== null) {
      yield* writer.error(new LynkrError('upstream_error', upstreamErrorMessage(line), { cause: line.error }));
      return;
    }
    yield* writer.start({ model: asString(line.model) });
    const msg = isRecord(line.message) ? line.message : undefined;
    if (msg) {
      const thinking = asString(msg.thinking);
      if (thinking) yield* writer.reasoning(thinking, REASONING_PROVIDER);
      const content = asString(msg.content);
      if (content) yield* segments(think.push(content));
      if (Array.isArray(msg.tool_calls)) for (const tc of msg.tool_calls) addToolCall(calls, tc);
    }
    if (line.done === true) {
      yield* segments(think.flush());
      for (const c of calls) yield* writer.toolCall({ ...c, toolKind: 'function' });
      const rawReason = asString(line.done_reason);
      const usage = decodeOllamaUsage(line);
      yield* writer.finish({
        reason: decodeOllamaDoneReason(rawReason, calls.length > 0),
        ...(rawReason !== undefined ? { rawReason } : {}),
        ...(usage ? { usage } : {}),
      });
      return;
    }
  }
  yield* writer.error(new LynkrError('upstream_error', 'The Ollama stream ended before its final "done" line'));
}

function addToolCall(calls: AccumulatedToolCall[], raw: unknown): void {
  if (!isRecord(raw) || !isRecord(raw.function)) return;
  const name = asString(raw.function.name);
  if (!name) return;
  const args = raw.function.arguments;
  calls.push({
    id: asString(raw.id) || newId('call'),
    name,
    arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
  });
}

/** `prompt_eval_count` / `eval_count`; undefined when the line has neither (e.g. a cached prompt reports none). */
function decodeOllamaUsage(line: Record<string, unknown>): IrUsage | undefined {
  const input = asNumber(line.prompt_eval_count);
  const output = asNumber(line.eval_count);
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0 };
}
