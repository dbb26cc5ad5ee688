/**
 * @module pipeline/tool-loop-guard
 * Small models can call tools forever. This stage counts the tool rounds (assistant
 * messages with tool calls) since the last real user message; past the threshold
 * (POLICY_TOOL_LOOP_THRESHOLD), the request goes upstream without tools and with an
 * instruction to answer now, and the answer tells the user the loop was stopped. The
 * client then ends its turn cleanly: no error, no endless loop.
 */
import type { IrRequest, IrStream, IrStreamEvent } from '../ir/types.js';
import type { PipelineStage } from './stage.js';

/** Tool rounds since the last user message that is not part of a tool-result turn. */
export function countToolRounds(req: Pick<IrRequest, 'messages'>): number {
  let rounds = 0;
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i];
    if (m.role === 'user' && req.messages[i - 1]?.role !== 'tool' && m.parts.some((p) => p.type === 'text' || p.type === 'image')) break;
    if (m.role === 'assistant' && m.parts.some((p) => p.type === 'tool_call')) rounds++;
  }
  return rounds;
}

export interface GuardResult {
  req: IrRequest;
  /** Set when the guard stopped the loop. */
  stoppedAfter?: number;
}

export function applyToolLoopGuard(req: IrRequest, threshold: number): GuardResult {
  const rounds = countToolRounds(req);
  if (rounds <= threshold || req.tools.length === 0) return { req };
  const instruction =
    `You have already made ${rounds} rounds of tool calls for this request, which is the limit. ` +
    'Do not call any more tools. Answer the user now with what you have found so far, and say what is left undone.';
  return {
    stoppedAfter: rounds,
    req: {
      ...req,
      tools: [],
      toolChoice: undefined,
      parallelToolCalls: undefined,
      messages: [...req.messages, { role: 'user', parts: [{ type: 'text', text: instruction }] }],
    },
  };
}

/** Prefixes the answer with a note and drops any tool call the model still makes. */
export async function* announceLoopStop(events: IrStream, rounds: number): AsyncGenerator<IrStreamEvent> {
  const note = `[Lynkr stopped a tool loop after ${rounds} tool rounds in this turn (POLICY_TOOL_LOOP_THRESHOLD).]\n\n`;
  let announced = false;
  for await (const ev of events) {
    if (ev.type === 'tool-call-start' || ev.type === 'tool-call-delta' || ev.type === 'tool-call-end') continue;
    if (!announced && (ev.type === 'text-start' || ev.type === 'finish')) {
      announced = true;
      const id = ev.type === 'text-start' ? ev.id : 'lynkr-loop-note';
      if (ev.type === 'text-start') {
        yield ev;
        yield { type: 'text-delta', id, delta: note };
        continue;
      }
      yield { type: 'text-start', id };
      yield { type: 'text-delta', id, delta: note.trim() };
      yield { type: 'text-end', id };
    }
    if (ev.type === 'finish' && ev.reason === 'tool_calls') {
      yield { ...ev, reason: 'stop' };
      continue;
    }
    yield ev;
  }
}

/** The guard as a pipeline stage (POLICY_TOOL_LOOP_THRESHOLD). */
export const toolLoopGuardStage: PipelineStage = {
  name: 'tool-loop-guard',
  beforeCall(req, ctx) {
    const { req: guarded, stoppedAfter } = applyToolLoopGuard(req, ctx.services.config.policy.toolLoopThreshold);
    if (stoppedAfter === undefined) return req;
    ctx.state.set('tool-loop-guard', stoppedAfter);
    ctx.services.log.info({ requestId: ctx.requestId, rounds: stoppedAfter }, 'tool loop stopped');
    return guarded;
  },
  transformStream(events, _req, ctx) {
    const rounds = ctx.state.get('tool-loop-guard') as number | undefined;
    return rounds === undefined ? events : announceLoopStop(events, rounds);
  },
};
