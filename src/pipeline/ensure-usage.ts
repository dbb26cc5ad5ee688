/**
 * @module pipeline/ensure-usage
 * Guarantees that every finished stream reports integer usage. Codex auto-compacts on
 * `usage.total_tokens` and Claude Code budgets its context on usage, so an upstream that
 * reports nothing (many local servers) gets an estimate (≈ chars/4 of what was sent and
 * received), marked `estimated: true` for metrics. Usage the upstream did send, in a
 * `usage` event or on `finish`, always wins.
 */
import { estimateRequestTokens, estimateTokensFromChars, normalizeUsage } from '../ir/helpers.js';
import type { IrRequest, IrStream, IrUsage } from '../ir/types.js';
import { mapEvents, type EventMapper } from './map-events.js';

export function ensureUsage(events: IrStream, req: IrRequest): IrStream {
  return mapEvents(events, ensureUsageMapper(req));
}

export function ensureUsageMapper(req: IrRequest): EventMapper {
  let reported: IrUsage | undefined;
  let outChars = 0;
  return {
    map(ev, emit) {
      switch (ev.type) {
        case 'usage':
          reported = mergeUsage(reported, ev.usage);
          return;
        case 'text-delta':
        case 'reasoning-delta':
        case 'tool-call-delta':
          outChars += ev.delta.length;
          emit(ev);
          return;
        case 'finish': {
          const usage = ev.usage ? mergeUsage(reported, ev.usage) : reported;
          const final = usage ?? {
            inputTokens: estimateRequestTokens(req),
            outputTokens: estimateTokensFromChars(outChars),
            estimated: true,
          };
          emit({ type: 'usage', usage: normalizeUsage(final) });
          emit({ ...ev, usage: normalizeUsage(final) });
          return;
        }
        default:
          emit(ev);
      }
    },
  };
}

function mergeUsage(a: IrUsage | undefined, b: IrUsage): IrUsage {
  if (!a) return b;
  return {
    inputTokens: b.inputTokens || a.inputTokens,
    outputTokens: b.outputTokens || a.outputTokens,
    cachedInputTokens: b.cachedInputTokens ?? a.cachedInputTokens,
    cacheWriteInputTokens: b.cacheWriteInputTokens ?? a.cacheWriteInputTokens,
    reasoningTokens: b.reasoningTokens ?? a.reasoningTokens,
    estimated: b.estimated ?? a.estimated,
  };
}
