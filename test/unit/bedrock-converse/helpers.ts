/**
 * @module test/unit/bedrock-converse/helpers
 * Fixture loading for the bedrock-converse codec tests: `fixtures/*.jsonl` hold one ConverseStream
 * event a line, as the event-stream frame stage yields them (`{ [eventType]: payload }`, Bedrock's
 * `p` padding included), written after the ConverseStream API reference.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrMessage, IrRequest, IrTool } from '../../../src/ir/types.js';

export { assertIrLifecycle, collect, from } from '../anthropic-messages/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

/** One parsed JSON object per non-empty line of `fixtures/<name>.jsonl`. */
export function jsonl(name: string): unknown[] {
  return readFileSync(join(here, 'fixtures', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

/** A request with defaults for the fields a test does not care about. */
export function irRequest(fields: Partial<IrRequest> & { messages: IrMessage[] }): IrRequest {
  return { model: 'client-model', system: [], tools: [] as IrTool[], stream: true, extensions: {}, ...fields };
}

export const CLAUDE_SONNET_45 = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
export const CLAUDE_35_V2 = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
export const LLAMA = 'us.meta.llama3-3-70b-instruct-v1:0';

/** The egress context an adapter would pass. */
export function ctxFor(req: IrRequest, model: string, limits: { max?: number; def?: number } = {}) {
  return {
    model,
    toolNames: ToolNameMap.forRequest(req),
    stream: true,
    ...(limits.max !== undefined ? { maxOutputTokensLimit: limits.max } : {}),
    ...(limits.def !== undefined ? { defaultMaxOutputTokens: limits.def } : {}),
  };
}
