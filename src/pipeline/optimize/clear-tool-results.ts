/**
 * @module pipeline/optimize/clear-tool-results
 * Clears old tool results, the approach of Anthropic's context editing (`clear_tool_uses`):
 * the most recent `keep` results stay in full; older ones are replaced by a short placeholder
 * that names the call and how much was cleared, so the model knows it can run the tool again.
 * Results are cleared in batches of at least `clearAtLeastChars` characters (Anthropic's
 * `clear_at_least`): walking the older results in order, the cleared boundary jumps past a
 * batch only once that batch adds up to the minimum. Each jump depends only on results that
 * came before, so it never moves back, and between two jumps the history is an unchanged
 * prefix that local servers (llama.cpp, Ollama) keep in their KV cache; a jump costs one
 * re-read of what follows it, worth it only for a batch that size. Results shorter than
 * `minChars` are never worth a placeholder: they stay, and do not count toward a batch.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/context-editing
 */
import type { IrMessage, IrRequest, IrToolCallPart, IrToolResultPart } from '../../ir/types.js';

export interface ClearToolResultsOptions {
  /** Most recent tool results always kept in full. */
  keep: number;
  /** Characters a batch of older results must add up to before it is cleared. */
  clearAtLeastChars: number;
  /** Results with fewer characters than this are kept. */
  minChars: number;
}

/** ≈5,000 tokens a batch, the `clear_at_least` of Anthropic's context-editing example; trade-offs measured in bench/tokens. */
export const CLEAR_TOOL_RESULTS_DEFAULTS: ClearToolResultsOptions = { keep: 2, clearAtLeastChars: 20_000, minChars: 600 };

/** Characters an image counts for (≈ a thousand tokens, as `estimateRequestTokens` counts it). */
const IMAGE_CHARS = 3000;
const CALL_SUMMARY_CHARS = 120;

function resultChars(p: IrToolResultPart): number {
  return p.content.reduce((n, c) => n + (c.type === 'text' ? c.text.length : IMAGE_CHARS), 0);
}

/** `name {arguments}` of a call, shortened, to tell the model what the cleared output came from. */
export function callSummary(call: IrToolCallPart | undefined, result: IrToolResultPart): string {
  const name = call?.name ?? result.name ?? 'tool';
  const args = (call?.arguments ?? '').replace(/\s+/g, ' ').trim();
  const full = args ? `${name} ${args}` : name;
  return full.length > CALL_SUMMARY_CHARS ? `${full.slice(0, CALL_SUMMARY_CHARS - 1)}…` : full;
}

/** Every tool call of the conversation by id. */
export function callsById(messages: readonly IrMessage[]): Map<string, IrToolCallPart> {
  const calls = new Map<string, IrToolCallPart>();
  for (const m of messages) for (const p of m.parts) if (p.type === 'tool_call') calls.set(p.id, p);
  return calls;
}

export function clearedPlaceholder({ summary, chars, keep }: { summary: string; chars: number; keep: number }): string {
  return (
    `[Lynkr cleared this tool result to save context: ${chars} characters of output from \`${summary}\`. ` +
    `Only the ${keep} most recent tool results are kept in full; run the tool again if you need this output.]`
  );
}

export interface ClearResult {
  req: IrRequest;
  /** Tool results replaced by a placeholder. */
  cleared: number;
}

export function clearToolResults(req: IrRequest, options: ClearToolResultsOptions = CLEAR_TOOL_RESULTS_DEFAULTS): ClearResult {
  const { keep, clearAtLeastChars, minChars } = options;
  const sizes: number[] = [];
  for (const m of req.messages) for (const p of m.parts) if (p.type === 'tool_result') sizes.push(resultChars(p));
  // The boundary: results before it are cleared. It jumps past a batch once the batch is big enough.
  let boundary = 0;
  let batch = 0;
  for (let i = 0; i < sizes.length - keep; i++) {
    if (sizes[i] >= minChars) batch += sizes[i];
    if (batch >= clearAtLeastChars) {
      boundary = i + 1;
      batch = 0;
    }
  }
  if (boundary === 0) return { req, cleared: 0 };
  const calls = callsById(req.messages);
  let index = 0;
  let cleared = 0;
  const messages = req.messages.map((m) => {
    if (index >= boundary || !m.parts.some((p) => p.type === 'tool_result')) return m;
    const parts = m.parts.map((p) => {
      if (p.type !== 'tool_result' || index >= boundary) return p;
      const chars = sizes[index++];
      if (chars < minChars) return p;
      cleared++;
      const text = clearedPlaceholder({ summary: callSummary(calls.get(p.callId), p), chars, keep });
      return { ...p, content: [{ type: 'text' as const, text }] };
    });
    return { ...m, parts };
  });
  return cleared > 0 ? { req: { ...req, messages }, cleared } : { req, cleared: 0 };
}
