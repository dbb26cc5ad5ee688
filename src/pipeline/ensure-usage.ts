/**
 * @module pipeline/ensure-usage
 * Guarantees that every finished stream reports integer usage. Codex auto-compacts on
 * `usage.total_tokens` and Claude Code budgets its context on usage, so an upstream that
 * reports nothing (many local servers) gets an estimate (≈ chars/4 of what was sent and
 * received), marked `estimated: true` for metrics. Usage the upstream did send, in a
 * `usage` event or on `finish`, always wins.
 */
import { estimateRequestTokens, estimateTokensFromChars, normalizeUsage } from '../ir/helpers.js';
import type { IrRequest, IrStream, IrStreamEvent, IrUsage } from '../ir/types.js';

export async function* ensureUsage(events: IrStream, req: IrRequest): AsyncGenerator<IrStreamEvent> {
  let reported: IrUsage | undefined;
  let outChars = 0;
  for await (const ev of events) {
    switch (ev.type) {
      case 'usage':
        reported = mergeUsage(reported, ev.usage);
        break;
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-call-delta':
        outChars += ev.delta.length;
        yield ev;
        break;
      case 'finish': {
        const usage = ev.usage ? mergeUsage(reported, ev.usage) : reported;
        const final = usage ?? {
          inputTokens: estimateRequestTokens(req),
          outputTokens: estimateTokensFromChars(outChars),
          estimated: true,
        };
        yield { type: 'usage', usage: normalizeUsage(final) };
        yield { ...ev, usage: normalizeUsage(final) };
        break;
      }
      default:
        yield ev;
    }
  }
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
