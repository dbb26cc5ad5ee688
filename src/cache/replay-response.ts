/**
 * @module cache/replay-response
 * A stored IrResponse played back as an IR stream with the full block lifecycle
 * (start → blocks → usage → finish, ir/types.ts), so every ingress encoder renders a cache
 * hit exactly like a live answer: a proper SSE stream for streaming callers, one JSON body
 * for the rest. Usage reports the stored counts with the whole prompt marked as cached
 * (`cachedInputTokens = inputTokens`): the tokens were real, but none were billed again.
 */
import type { IrResponse, IrStreamEvent, IrUsage } from '../ir/types.js';

/** Finish reasons of a complete answer worth storing (never errors, filters or pauses). */
const COMPLETE = new Set<IrResponse['finishReason']>(['stop', 'length', 'tool_calls', 'stop_sequence']);

/** Whether a response finished normally and may be stored. */
export function isCompleteResponse(response: IrResponse): boolean {
  return COMPLETE.has(response.finishReason);
}

/** The usage a replay reports: the stored counts, the prompt entirely served from cache. */
export function replayUsage(usage: IrUsage): IrUsage {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.inputTokens,
    ...(usage.reasoningTokens === undefined ? {} : { reasoningTokens: usage.reasoningTokens }),
    ...(usage.estimated ? { estimated: true } : {}),
  };
}

/**
 * Plays a stored response back.
 * @example for await (const ev of replayResponse(stored)) …  // start, text-start, text-delta, text-end, usage, finish
 */
export async function* replayResponse(response: IrResponse): AsyncGenerator<IrStreamEvent> {
  const usage = replayUsage(response.usage);
  yield { type: 'start', id: response.id, model: response.model };
  for (const [i, part] of response.parts.entries()) {
    const id = `replay_${i}`;
    switch (part.type) {
      case 'text':
        yield { type: 'text-start', id };
        if (part.text !== '') yield { type: 'text-delta', id, delta: part.text };
        yield { type: 'text-end', id };
        break;
      case 'reasoning':
        yield { type: 'reasoning-start', id, ...(part.provider ? { provider: part.provider } : {}) };
        if (part.text !== '') yield { type: 'reasoning-delta', id, delta: part.text };
        yield {
          type: 'reasoning-end',
          id,
          ...(part.signature === undefined ? {} : { signature: part.signature }),
          ...(part.redactedData === undefined ? {} : { redactedData: part.redactedData }),
          ...(part.encrypted === undefined ? {} : { encrypted: part.encrypted }),
        };
        break;
      case 'tool_call':
        yield { type: 'tool-call-start', id: part.id, name: part.name, toolKind: part.toolKind, ...(part.namespace ? { namespace: part.namespace } : {}) };
        if (part.arguments !== '') yield { type: 'tool-call-delta', id: part.id, delta: part.arguments };
        yield { type: 'tool-call-end', id: part.id };
        break;
      case 'opaque':
        yield { type: 'opaque', dialect: part.dialect, value: part.value };
        break;
      case 'image':
      case 'document':
      case 'tool_result':
        break; // never part of an assistant answer
    }
  }
  yield { type: 'usage', usage };
  yield {
    type: 'finish',
    reason: response.finishReason,
    ...(response.rawFinishReason === undefined ? {} : { rawReason: response.rawFinishReason }),
    ...(response.stopSequence === undefined ? {} : { stopSequence: response.stopSequence }),
    usage,
  };
}
