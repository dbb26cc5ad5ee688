/**
 * @module pipeline/stages
 * The ordered list of pipeline stages every model request goes through (see `stage.ts`).
 * Each stage reads its own configuration and does nothing when switched off.
 */
import { cacheBreakpointsStage } from './cache/cache-breakpoints-stage.js';
import { promptCacheStage } from './cache/prompt-cache-stage.js';
import { semanticCacheStage } from './cache/semantic-cache-stage.js';
import { compactionStage } from './compaction/compaction-stage.js';
import { contextCheckStage } from './context-check.js';
import type { PipelineStage } from './stage.js';
import { tokenOptimizationStage } from './optimize/token-optimization-stage.js';
import { toolCallRepairStage } from './tool-call-repair/tool-call-repair-stage.js';
import { toolLoopGuardStage } from './tool-loop-guard.js';

export function defaultStages(): PipelineStage[] {
  return [
    // The caches come first: their transformStream must capture the upstream's own answer
    // before later stages rewrite it (a replay goes through those stages again).
    promptCacheStage,
    semanticCacheStage,
    compactionStage,
    toolLoopGuardStage,
    tokenOptimizationStage,
    cacheBreakpointsStage,
    contextCheckStage,
    toolCallRepairStage,
  ];
}
