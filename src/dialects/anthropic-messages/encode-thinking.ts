/**
 * @module dialects/anthropic-messages/encode-thinking
 * IR reasoning settings → Anthropic `thinking` and the `max_tokens` that goes with it
 * (wire-contract §2.2 `thinking` / `output_config`, §6.3 "Thinking blocks").
 * Anthropic requires `1024 ≤ budget_tokens < max_tokens`, rejects thinking together with a
 * forced tool choice, and, mid tool loop, wants the last assistant turn to start with a
 * thinking block (history from another provider has none). Where thinking cannot be sent
 * validly it is left out rather than failing the request.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
import type { IrReasoningConfig, IrReasoningEffort } from '../../ir/types.js';
import type { AnthropicMessage } from './wire-types.js';

/** Budgets for an effort level when the client gave no budget. */
export const BUDGET_BY_EFFORT: Record<IrReasoningEffort, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32000,
};

const MIN_BUDGET = 1024;
/** Room left for the visible answer when max_tokens has to be raised above the budget. */
const ANSWER_ROOM = 4096;

export interface ThinkingPlan {
  thinking?: { type: 'enabled'; budget_tokens: number };
  maxTokens: number;
}

/**
 * Decides `thinking` and the final `max_tokens`.
 * - enabled with a budget → that budget; effort only (or enabled without either) → a budget by
 *   effort (medium by default); `enabled: false` or nothing said → no thinking.
 * - budget ≥ max_tokens → max_tokens is raised to budget + 4096 within `limit`; if the limit
 *   leaves no room, the budget shrinks (still ≥ 1024) or thinking is dropped.
 */
export function planThinking(opts: {
  reasoning: IrReasoningConfig | undefined;
  maxTokens: number;
  limit: number | undefined;
  /** tool_choice forces a tool (`any` / `tool`): Anthropic rejects thinking with it. */
  forcedTool: boolean;
  messages: readonly AnthropicMessage[];
}): ThinkingPlan {
  const { reasoning, limit, forcedTool, messages } = opts;
  let maxTokens = opts.maxTokens;
  let budget = requestedBudget(reasoning);
  if (budget === undefined || forcedTool || lastTurnLacksThinking(messages)) return { maxTokens };
  budget = Math.max(MIN_BUDGET, budget);
  if (budget >= maxTokens) maxTokens = Math.max(maxTokens, Math.min(limit ?? Infinity, budget + ANSWER_ROOM));
  if (budget >= maxTokens) budget = maxTokens - ANSWER_ROOM / 4;
  if (budget < MIN_BUDGET) return { maxTokens: opts.maxTokens };
  return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens };
}

function requestedBudget(r: IrReasoningConfig | undefined): number | undefined {
  if (!r || r.enabled === false) return undefined;
  if (r.budgetTokens !== undefined) return r.budgetTokens;
  if (r.effort !== undefined) return BUDGET_BY_EFFORT[r.effort];
  return r.enabled ? BUDGET_BY_EFFORT.medium : undefined;
}

/**
 * True when the request continues a tool loop (the last user message carries tool results)
 * and the assistant turn before it does not start with a thinking block: Anthropic rejects
 * thinking then ("a final assistant message must start with a thinking block").
 */
export function lastTurnLacksThinking(messages: readonly AnthropicMessage[]): boolean {
  const last = messages.at(-1);
  const prev = messages.at(-2);
  if (!last || last.role !== 'user' || !prev || prev.role !== 'assistant') return false;
  if (!last.content.some((b) => b.type === 'tool_result')) return false;
  const first = prev.content[0]?.type;
  return first !== 'thinking' && first !== 'redacted_thinking';
}
