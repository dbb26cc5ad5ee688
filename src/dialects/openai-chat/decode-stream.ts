/**
 * @module dialects/openai-chat/decode-stream
 * Chat Completions stream payloads (parsed `data:` objects, `[DONE]` already removed by the
 * frame layer) → IR events (egress, wire-contract §6.2, §6.5). Handles the dialects of
 * OpenAI-compatible servers:
 * - reasoning in `delta.reasoning_content` (DeepSeek, llama.cpp, LM Studio) or
 *   `delta.reasoning` (vLLM, OpenRouter), or inline `<think>…</think>` at the start of
 *   `content` (R1 distills, Qwen without a reasoning parser);
 * - `content` as an array of typed parts (Databricks Claude endpoints: `text`, and
 *   `reasoning` with `summary[].text` and a `signature`);
 * - tool-call fragments assembled defensively (ToolCallAccumulator) and emitted whole at
 *   the end, after the text, in index order; `finish_reason: "stop"` with tool calls
 *   becomes `tool_calls` (Ollama's compatible endpoint);
 * - usage from whichever chunk carries it; a stream without `finish_reason` still finishes;
 * - an `{error:{…}}` payload ends the stream with an IR error.
 * Tool calls carry the wire names as received (restore-tool-calls maps them back).
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
import { LynkrError } from '../../ir/errors.js';
import type { IrStream, IrStreamEvent, IrUsage } from '../../ir/types.js';
import { decodeWith } from '../shared/decode-with.js';
import { asNumber, asString, isRecord } from '../shared/guards.js';
import { StreamBlockWriter } from '../shared/stream-block-writer.js';
import { ThinkTagSplitter, type ThinkSegment } from '../shared/think-tag-splitter.js';
import { ToolCallAccumulator } from '../shared/tool-call-accumulator.js';
import { upstreamErrorMessage } from '../shared/upstream-error.js';
import type { StreamDecoder } from '../types.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';

/** One Chat Completions payload at a time → IR events (see the module comment). */
export class ChatStreamDecoder implements StreamDecoder {
  readonly #writer = new StreamBlockWriter();
  readonly #think = new ThinkTagSplitter();
  readonly #calls = new ToolCallAccumulator();
  #finishRaw: string | undefined;
  #usage: IrUsage | undefined;

  get ended(): boolean {
    return this.#writer.ended;
  }

  push(payload: unknown): IrStreamEvent[] {
    const writer = this.#writer;
    if (writer.ended || !isRecord(payload)) return [];
    if (payload.error !== undefined && payload.error !== null) {
      return writer.error(new LynkrError('upstream_error', upstreamErrorMessage(payload), { cause: payload.error }));
    }
    const out = writer.start({ id: asString(payload.id), model: asString(payload.model) });
    this.#usage = decodeUsage(payload.usage) ?? this.#usage;
    const choice = firstChoice(payload.choices);
    if (!choice) return out;
    const delta = isRecord(choice.delta) ? choice.delta : undefined;
    if (delta) {
      const reasoning = asString(delta.reasoning_content) || asString(delta.reasoning);
      if (reasoning) append(out, writer.reasoning(reasoning));
      if (typeof delta.content === 'string') this.#segments(out, this.#think.push(delta.content));
      else if (Array.isArray(delta.content)) {
        for (const part of delta.content) this.#contentPart(out, part);
      }
      if (Array.isArray(delta.tool_calls)) for (const tc of delta.tool_calls) addToolCall(this.#calls, tc);
      if (isRecord(delta.function_call)) addToolCall(this.#calls, { function: delta.function_call });
    }
    if (typeof choice.finish_reason === 'string') this.#finishRaw = choice.finish_reason;
    return out;
  }

  /** Chat streams have no final event the decoder could stop at: the answer ends with the body. */
  end(): IrStreamEvent[] {
    const writer = this.#writer;
    if (writer.ended) return [];
    const out: IrStreamEvent[] = [];
    this.#segments(out, this.#think.flush());
    const finished = this.#calls.finish();
    for (const c of finished) append(out, writer.toolCall({ ...c, toolKind: 'function' }));
    const finishRaw = this.#finishRaw;
    append(
      out,
      writer.finish({
        reason: decodeFinishReason(finishRaw, finished.length > 0),
        ...(finishRaw !== undefined ? { rawReason: finishRaw } : {}),
        ...(this.#usage ? { usage: this.#usage } : {}),
      }),
    );
    return out;
  }

  #segments(out: IrStreamEvent[], segs: ThinkSegment[]): void {
    for (const s of segs) append(out, s.kind === 'text' ? this.#writer.text(s.text) : this.#writer.reasoning(s.text));
  }

  /** One typed part of an array `content` (Databricks). */
  #contentPart(out: IrStreamEvent[], part: unknown): void {
    if (!isRecord(part)) return;
    if (part.type === 'text' && typeof part.text === 'string') {
      this.#segments(out, this.#think.push(part.text));
    } else if (part.type === 'reasoning') {
      if (typeof part.text === 'string') append(out, this.#writer.reasoning(part.text));
      for (const s of Array.isArray(part.summary) ? part.summary : []) {
        if (!isRecord(s)) continue;
        if (typeof s.text === 'string') append(out, this.#writer.reasoning(s.text));
        if (typeof s.signature === 'string' && s.signature.length > 0) append(out, this.#writer.reasoningSignature(s.signature));
      }
    }
  }
}

export function decodeChatStream(payloads: AsyncIterable<unknown>): IrStream {
  return decodeWith(payloads, new ChatStreamDecoder());
}

function append(out: IrStreamEvent[], events: IrStreamEvent[]): void {
  for (const ev of events) out.push(ev);
}

function firstChoice(choices: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(choices)) return undefined;
  const c = choices.find((x) => isRecord(x) && (x.index === undefined || x.index === 0));
  return isRecord(c) ? c : undefined;
}

function addToolCall(calls: ToolCallAccumulator, raw: unknown): void {
  if (!isRecord(raw)) return;
  const fn = isRecord(raw.function) ? raw.function : {};
  const args = fn.arguments;
  calls.add({
    index: asNumber(raw.index),
    id: asString(raw.id),
    name: asString(fn.name),
    // Some servers send the arguments object itself.
    arguments: typeof args === 'string' ? args : args === undefined || args === null ? '' : JSON.stringify(args),
  });
}
