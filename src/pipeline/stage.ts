/**
 * @module pipeline/stage
 * The contract of a pipeline stage: a small, separately tested piece of behaviour around
 * the provider call (tool-loop guard, compaction, caches, token optimisation, tool-call
 * repair, …). Stages are listed in `stages.ts`; `handle-model-request.ts` runs them:
 *   1. `beforeCall` in list order, after routing (awaited only when it returns a promise): may rewrite the request. Returning a
 *      different object marks the request as rewritten, which turns off the pass-through
 *      fast path (it forwards the client's original bytes).
 *   2. `shortCircuit` in list order: the first stream returned answers the client and the
 *      upstream is not called (a cache hit).
 *   3. `transformStream` in list order over the upstream's events, after tool names are
 *      restored and before usage is ensured and the answer encoded. A per-event transform
 *      should return `mapEvents(events, mapper)` (`map-events.ts`): it then runs in the same
 *      loop as the other steps instead of adding an async layer per event.
 *   4. `onComplete` once the whole answer is known (not called on errors).
 * A stage that does not apply to a request returns its input unchanged.
 */
import type { DialectName, IrRequest, IrResponse, IrStream } from '../ir/types.js';
import type { ToolNameMap } from '../ir/tool-names.js';
import type { PipelineServices, RequestSummary } from './handle-model-request.js';
import type { ModelRoute } from './route-model.js';

export interface CallContext {
  services: PipelineServices;
  requestId: string;
  /** The client's dialect. */
  ingress: DialectName;
  route: ModelRoute;
  toolNames: ToolNameMap;
  /** Client request headers, lower-case. */
  clientHeaders: Record<string, string>;
  signal: AbortSignal;
  summary: RequestSummary;
  /** Per-request scratch space, keyed by stage name. */
  state: Map<string, unknown>;
  /** True when the request may take the pass-through fast path (same dialect, nothing rewritten). */
  passthroughCandidate: boolean;
}

export interface PipelineStage {
  readonly name: string;
  beforeCall?(req: IrRequest, ctx: CallContext): IrRequest | Promise<IrRequest>;
  shortCircuit?(req: IrRequest, ctx: CallContext): Promise<IrStream | undefined>;
  transformStream?(events: IrStream, req: IrRequest, ctx: CallContext): IrStream;
  onComplete?(req: IrRequest, response: IrResponse, ctx: CallContext): void;
}
