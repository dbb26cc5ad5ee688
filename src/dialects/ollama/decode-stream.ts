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
import { decodeWith } from '../shared/decode-with.js';
import { asNumber, asString, isRecord } from '../shared/guards.js';
import { StreamBlockWriter } from '../shared/stream-block-writer.js';
import { ThinkTagSplitter, type ThinkSegment } from '../shared/think-tag-splitter.js';
import type { AccumulatedToolCall } from '../shared/tool-call-accumulator.js';
import { upstreamErrorMessage } from '../shared/upstream-error.js';
import type { StreamDecoder } from '../types.js';
import { decodeOllamaDoneReason } from './map-finish-reason.js';

const REASONING_PROVIDER = 'ollama';

/** One NDJSON line at a time → IR events (see the module comment). */
export class OllamaStreamDecoder implements StreamDecoder {
  readonly #writer = new StreamBlockWriter();
  readonly #think = new ThinkTagSplitter();
  readonly #calls: AccumulatedToolCall[] = [];

  get ended(): boolean {
    return this.#writer.ended;
  }

  push(line: unknown): IrStreamEvent[] {
    const writer = this.#writer;
    if (writer.ended || !isRecord(line)) return [];
    if (line.error !== undefined && line.error !== null) {
      return writer.error(new LynkrError('upstream_error', upstreamErrorMessage(line), { cause: line.error }));
    }
    const out = writer.start({ model: asString(line.model) });
    const msg = isRecord(line.message) ? line.message : undefined;
    if (msg) {
      const thinking = asString(msg.thinking);
      if (thinking) append(out, writer.reasoning(thinking, REASONING_PROVIDER));
      const content = asString(msg.content);
      if (content) this.#segments(out, this.#think.push(content));
      if (Array.isArray(msg.tool_calls)) for (const tc of msg.tool_calls) addToolCall(this.#calls, tc);
    }
    if (line.done === true) {
      this.#segments(out, this.#think.flush());
      for (const c of this.#calls) append(out, writer.toolCall({ ...c, toolKind: 'function' }));
      const rawReason = asString(line.done_reason);
      const usage = decodeOllamaUsage(line);
      append(
        out,
        writer.finish({
          reason: decodeOllamaDoneReason(rawReason, this.#calls.length > 0),
          ...(rawReason !== undefined ? { rawReason } : {}),
          ...(usage ? { usage } : {}),
        }),
      );
    }
    return out;
  }

  end(): IrStreamEvent[] {
    return this.#writer.error(new LynkrError('upstream_error', 'The Ollama stream ended before its final "done" line'));
  }

  #segments(out: IrStreamEvent[], segs: ThinkSegment[]): void {
    for (const s of segs) append(out, s.kind === 'text' ? this.#writer.text(s.text) : this.#writer.reasoning(s.text, REASONING_PROVIDER));
  }
}

export function decodeOllamaStream(payloads: AsyncIterable<unknown>): IrStream {
  return decodeWith(payloads, new OllamaStreamDecoder());
}

function append(out: IrStreamEvent[], events: IrStreamEvent[]): void {
  for (const ev of events) out.push(ev);
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
