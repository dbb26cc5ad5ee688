/**
 * @module cache/stored-response
 * Reads back an IrResponse a cache stored as JSON, checking the fields a replay relies on,
 * so a damaged or foreign entry is a miss rather than a broken answer.
 */
import { z } from 'zod';
import type { IrResponse } from '../ir/types.js';

const StoredResponse = z
  .object({
    id: z.string(),
    parts: z.array(z.object({ type: z.enum(['text', 'reasoning', 'tool_call', 'opaque', 'image', 'document', 'tool_result']) }).passthrough()),
    finishReason: z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'stop_sequence', 'pause', 'error', 'other']),
    usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).passthrough(),
  })
  .passthrough();

/** The response in `raw`, or undefined when it is not a stored IrResponse. */
export function parseStoredResponse(raw: string): IrResponse | undefined {
  try {
    const parsed = StoredResponse.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as unknown as IrResponse) : undefined;
  } catch {
    return undefined;
  }
}
