/**
 * @module server/routes/codex-model-info
 * A Codex `ModelInfo` entry (wire-contract §1.1.3) for a model Lynkr serves, so Codex
 * knows its context window and compacts at the right time instead of using fallback
 * metadata.
 */

/** Context window assumed when the provider cannot tell. */
export const DEFAULT_CONTEXT_WINDOW = 128_000;

export function codexModelInfo(slug: string, contextWindow: number | undefined): Record<string, unknown> {
  const window = contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  return {
    slug,
    display_name: slug,
    description: `${slug} through Lynkr`,
    context_window: window,
    max_context_window: window,
    auto_compact_token_limit: Math.floor(window * 0.8),
    default_reasoning_level: 'medium',
    supported_reasoning_levels: [
      { effort: 'low', description: 'Fast responses' },
      { effort: 'medium', description: 'Balanced' },
      { effort: 'high', description: 'Deeper reasoning' },
    ],
    supports_reasoning_summaries: false,
    shell_type: 'shell_command',
    apply_patch_tool_type: 'freeform',
    supports_parallel_tool_calls: true,
    support_verbosity: false,
    input_modalities: ['text', 'image'],
    truncation_policy: { mode: 'tokens', limit: 10_000 },
    visibility: 'list',
    supported_in_api: true,
    priority: 1,
  };
}
