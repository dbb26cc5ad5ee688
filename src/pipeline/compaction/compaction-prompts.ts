/**
 * @module pipeline/compaction/compaction-prompts
 * The words around a compaction summary. They are Codex's own (its local compaction asks
 * with SUMMARY_REQUEST and re-injects the summary after SUMMARY_PREFIX, as captured in
 * fixtures/codex-0.169.0/compaction-request.http and after-compaction.http), so a model
 * sees the same thing whichever way Codex compacted.
 */

/** Asked of the upstream model to summarise the history (remote compaction, the legacy compact endpoint). */
export const SUMMARY_REQUEST =
  'You are performing a CONTEXT CHECKPOINT COMPACTION. Create a handoff summary for another LLM that will resume the task.\n\n' +
  'Include:\n' +
  '- Current progress and key decisions made\n' +
  '- Important context, constraints, or user preferences\n' +
  '- What remains to be done (clear next steps)\n' +
  '- Any critical data, examples, or references needed to continue\n\n' +
  'Be concise, structured, and focused on helping the next LLM seamlessly continue the work.\n';

/** Put before a summary when a later request carries a `compaction` item. */
export const SUMMARY_PREFIX =
  'Another language model started to solve this problem and produced a summary of its thinking process. ' +
  'You also have access to the state of the tools that were used by that language model. ' +
  'Use this to build on the work that has already been done and avoid duplicating work. ' +
  'Here is the summary produced by the other language model, use the information in this summary to assist with your own analysis:\n';

/** Stands in for a compaction item whose content Lynkr cannot read (OpenAI's own encrypted blob). */
export const UNREADABLE_SUMMARY_NOTE =
  '[An earlier part of this conversation was compacted by another provider. Its summary is encrypted and could not be read, so it was left out; ask the user if something important seems to be missing.]';
