/**
 * @module pipeline/tool-call-repair/tool-call-repair-stage
 * Tool-call repair as a pipeline stage (`stage.ts`): for a request that declared tools,
 * tool calls the model wrote as text become real calls in the client's dialect
 * (`repair-text-tool-calls.ts`). It runs on the upstream's events after tool names were
 * restored, so the calls it makes are already in the client's identity. Requests without
 * callable tools, or with `tool_choice: none`, pass untouched.
 */
import type { PipelineStage } from '../stage.js';
import { repairTextToolCalls } from './repair-text-tool-calls.js';
import { ToolCatalog } from './tool-catalog.js';

export const toolCallRepairStage: PipelineStage = {
  name: 'tool-call-repair',
  transformStream(events, req, ctx) {
    if (req.toolChoice?.type === 'none') return events;
    const catalog = new ToolCatalog(req, ctx.toolNames);
    if (catalog.size === 0) return events;
    return repairTextToolCalls(events, {
      catalog,
      onRepaired(calls) {
        ctx.services.log.info({ requestId: ctx.requestId, tools: calls.map((c) => c.name) }, 'tool call repaired from text');
      },
    });
  },
};
