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
import { asNumber, asString, isRecord } from '../shared/guards.js';
import { StreamBlockWriter } from '../shared/stream-block-writer.js';
import { ThinkTagSplitter, type ThinkSegment } from '../shared/think-tag-splitter.js';
import { ToolCallAccumulator } from '../shared/tool-call-accumulator.js';
import { upstreamErrorMessage } from '../shared/upstream-error.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';

export async function* decodeChatStream(payloads: AsyncIterable<unknown>): IrStream {
  const writer = new StreamBlockWriter();
  const think = new ThinkTagSplitter();
  const calls = new ToolCallAccumulator();
  let finishRaw: string | undefined;
  let usage: IrUsage | undefined;

  const segments = function* (segs: ThinkSegment[]): Generator<IrStreamEvent> {
    for (const s of segs) yield* s.kind === 'text' ? writer.text(s.text) : writer.reasoning(s.text);
  };

  for await (const payload of payloads) {
    if (!isRecord(payload)) continue;
    if (payload.error !== undefined && payload.error !== null) {
      yield* writer.error(new LynkrError('upstream_error', upstreamErrorMessage(payload), { cause: payload.error }));
      return;
    }
    yield* writer.start({ id: asString(payload.id), model: asString(payload.model) });
    usage = decodeUsage(payload.usage) ?? usage;
    const choice = firstChoice(payload.choices);
    if (!choice) continue;
    const delta = isRecord(choice.delta) ? choice.delta : undefined;
    if (delta) {
      const reasoning = asString(delta.reasoning_content) || asString(delta.reasoning);
      if (reasoning) yield* writer.reasoning(reasoning);
      if (typeof delta.content === 'string') yield* segments(think.push(delta.content));
      else if (Array.isArray(delta.content)) {
        for (const part of delta.content) yield* contentPart(part);
      }
      if (Array.isArray(delta.tool_calls)) for (const tc of delta.tool_calls) addToolCall(calls, tc);
      if (isRecord(delta.function_call)) addToolCall(calls, { function: delta.function_call });
    }
    if (typeof choice.finish_reason === 'string') finishRaw = choice.finish_reason;
  }

  yield* segments(think.flush());
  const finished = calls.finish();
  for (const c of finished) yield* writer.toolCall({ ...c, toolKind: 'function' });
  yield* writer.finish({
    reason: decodeFinishReason(finishRaw, finished.length > 0),
    ...(finishRaw !== undefined ? { rawReason: finishRaw } : {}),
    ...(usage ? { usage } : {}),
  });

  /** One typed part of an array `content` (Databricks). */
  function* contentPart(part: unknown): Generator<IrStreamEvent> {
    if (!isRecord(part)) return;
    if (part.type === 'text' && typeof part.text === 'string') {
      yield* segments(think.push(part.text));
    } else if (part.type === 'reasoning') {
      if (typeof part.text === 'string') yield* writer.reasoning(part.text);
      for (const s of Array.isArray(part.summary) ? part.summary : []) {
        if (!isRecord(s)) continue;
        if (typeof s.text === 'string') yield* writer.reasoning(s.text);
        if (typeof s.signature === 'string' && s.signature.length > 0) yield* writer.reasoningSignature(s.signature);
      }
    }
  }
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
