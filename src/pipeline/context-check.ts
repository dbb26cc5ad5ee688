/**
 * @module pipeline/context-check
 * Refuses a request that cannot fit the model's context window with a clear
 * `context_length_exceeded` in the client's dialect (wire-contract §4, first row) instead
 * of letting the upstream silently drop the start of the prompt (Ollama truncates at
 * `num_ctx` without an error, §6.5). Codex then says it ran out of room and compacts;
 * Claude Code parses the Anthropic wording "prompt is too long: N tokens > M maximum".
 *
 * The window is the adapter's (`ProviderAdapter.contextWindow`; for Ollama the model's
 * context length capped at OLLAMA_NUM_CTX_MAX). Prompt tokens are counted with the
 * o200k tokenizer (`count-tokens.ts`), but only when a cheap upper bound (one token per
 * UTF-8 byte) says the prompt might not fit, so ordinary requests pay nothing.
 */
import { LynkrError } from '../ir/errors.js';
import { toolJsonSize } from '../ir/tool-json-size.js';
import type { IrPart, IrRequest } from '../ir/types.js';
import { countRequestTokens } from './count-tokens.js';
import type { CallContext, PipelineStage } from './stage.js';

/** A slow window lookup never holds a request back longer than this; the check is skipped instead. */
const WINDOW_LOOKUP_TIMEOUT_MS = 5_000;
/** Matches count-tokens.ts: framing per message and per tool, flat sizes for images and documents. */
const MESSAGE_OVERHEAD = 4;
const TOOL_OVERHEAD = 8;
const IMAGE_TOKENS = 1600;
const DOCUMENT_TOKENS = 3000;

const bytes = (text: string | undefined) => (text ? Buffer.byteLength(text, 'utf8') : 0);

/** An upper bound of `countRequestTokens(req)`: a BPE token always covers at least one byte. */
export function upperBoundTokens(req: IrRequest): number {
  let n = 0;
  for (const p of req.system) n += bytes(p.text);
  // The whole tool as JSON holds its name, description and schema, each at least as many bytes as counted separately.
  for (const t of req.tools) n += TOOL_OVERHEAD + (t.kind === 'hosted' ? 0 : toolJsonSize(t).bytes);
  for (const m of req.messages) n += MESSAGE_OVERHEAD + partsBound(m.parts);
  return n;
}

function partsBound(parts: readonly IrPart[]): number {
  let n = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'text':
      case 'reasoning':
        n += bytes(p.text);
        break;
      case 'image':
        n += IMAGE_TOKENS;
        break;
      case 'document':
        n += Math.max(DOCUMENT_TOKENS, bytes(p.text));
        break;
      case 'tool_call':
        n += bytes(p.name) + bytes(p.arguments);
        break;
      case 'tool_result':
        n += partsBound(p.content);
        break;
      case 'opaque':
        n += bytes(JSON.stringify(p.value ?? ''));
        break;
    }
  }
  return n;
}

/** The error a client gets; the wording is Anthropic's, which Claude Code parses. */
export function contextLengthExceeded({ tokens, window, param }: { tokens: number; window: number; param?: string }): LynkrError {
  return new LynkrError('context_length_exceeded', `prompt is too long: ${tokens} tokens > ${window} maximum`, { param });
}

async function lookupWindow(lookup: Promise<number | undefined>): Promise<number | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), WINDOW_LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lookup.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Windows already known, by adapter and model: most requests then need no lookup, no timer, no await. */
const KNOWN_WINDOWS = new WeakMap<object, Map<string, number>>();

export const contextCheckStage: PipelineStage = {
  name: 'context-check',
  beforeCall(req, ctx) {
    const { adapter, model } = ctx.route;
    if (!adapter.contextWindow) return req;
    const known = KNOWN_WINDOWS.get(adapter)?.get(model);
    if (known !== undefined) return check(req, ctx, known);
    return lookupWindow(adapter.contextWindow(model)).then((window) => {
      // Only a window that was found is kept: an unknown one is asked again next time.
      if (window) {
        let byModel = KNOWN_WINDOWS.get(adapter);
        if (!byModel) KNOWN_WINDOWS.set(adapter, (byModel = new Map()));
        if (byModel.size < 1_000) byModel.set(model, window);
      }
      return check(req, ctx, window);
    });
  },
};

function check(req: IrRequest, ctx: CallContext, window: number | undefined): IrRequest {
  const { adapter, model } = ctx.route;
  if (!window || upperBoundTokens(req) <= window) return req;
  const tokens = countRequestTokens(req);
  if (tokens <= window) return req;
  ctx.services.log.info({ requestId: ctx.requestId, provider: adapter.name, model, tokens, window }, 'request does not fit the context window');
  throw contextLengthExceeded({ tokens, window, param: ctx.ingress === 'openai-responses' ? 'input' : ctx.ingress === 'openai-chat' ? 'messages' : undefined });
}
