/**
 * @module pipeline/stages
 * The ordered list of pipeline stages every model request goes through (see `stage.ts`).
 * Each stage reads its own configuration and does nothing when switched off.
 */
import type { PipelineStage } from './stage.js';
import { toolLoopGuardStage } from './tool-loop-guard.js';

export function defaultStages(): PipelineStage[] {
  return [
    toolLoopGuardStage,
  ];
}
