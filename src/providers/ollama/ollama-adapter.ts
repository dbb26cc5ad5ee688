/**
 * @module providers/ollama/ollama-adapter
 * Ollama through its native `/api/chat` (NDJSON streaming), never the OpenAI-compatible
 * `/v1/chat/completions`, which ignores `num_ctx` and silently truncates a long prompt to
 * the model's default window (wire-contract §6.5). `options.num_ctx` is sized to the
 * request: at least OLLAMA_NUM_CTX, at least the estimated prompt plus room for the
 * answer, rounded up to a power of two (Ollama reloads the model whenever num_ctx
 * changes, so coarse steps keep it loaded across turns), capped at OLLAMA_NUM_CTX_MAX.
 */
import { ollamaCodec } from '../../dialects/ollama/index.js';
import { estimateRequestTokens } from '../../ir/helpers.js';
import { createHttpAdapter } from '../http-adapter.js';
import type { ProviderAdapter } from '../types.js';
import { readErrorBody, type UpstreamHttp } from '../upstream-http.js';

export interface OllamaSettings {
  endpoint: string;
  model: string;
  keepAlive?: string;
  numCtx: number;
  numCtxMax: number;
}

/** Room left for the answer when the client sets no output limit, and the most reserved when it does. */
const DEFAULT_ANSWER_ROOM = 4096;
const MAX_ANSWER_ROOM = 8192;
/** Largest `num_predict` sent: Claude Code asks for 64000, which local models cannot use. */
export const OLLAMA_MAX_OUTPUT_TOKENS = 16_384;

export function chooseNumCtx(promptTokens: number, maxOutputTokens: number | undefined, numCtx: number, numCtxMax: number): number {
  const need = promptTokens + Math.min(maxOutputTokens ?? DEFAULT_ANSWER_ROOM, MAX_ANSWER_ROOM);
  let size = numCtx;
  while (size < need && size < numCtxMax) size *= 2;
  return Math.min(Math.max(size, numCtx), numCtxMax);
}

/** `OLLAMA_KEEP_ALIVE` is a duration string ("24h") or a number of seconds ("-1", "3600"). */
function keepAliveValue(raw: string): string | number {
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

export function createOllamaAdapter(settings: OllamaSettings, http: UpstreamHttp): ProviderAdapter {
  const windows = new Map<string, number | undefined>();

  /** The window Lynkr gives the model: its own context length, capped at the largest num_ctx sent (OLLAMA_NUM_CTX_MAX). */
  async function contextWindow(model: string): Promise<number | undefined> {
    const length = await modelContextLength(model);
    return length === undefined ? undefined : Math.min(length, settings.numCtxMax);
  }

  async function modelContextLength(model: string): Promise<number | undefined> {
    if (windows.has(model)) return windows.get(model);
    try {
      const res = await http.send({ url: `${settings.endpoint}/api/show`, headers: {}, body: { model }, provider: 'ollama' });
      const body = (await readErrorBody(res.body)) as { model_info?: Record<string, unknown> };
      if (res.status >= 400) return undefined;
      const entry = Object.entries(body?.model_info ?? {}).find(([k]) => k.endsWith('.context_length'));
      const value = typeof entry?.[1] === 'number' ? entry[1] : undefined;
      windows.set(model, value);
      return value;
    } catch {
      return undefined;
    }
  }

  return createHttpAdapter({
    name: 'ollama',
    codec: ollamaCodec,
    http,
    defaultModel: settings.model,
    frames: 'ndjson',
    endpoint: () => `${settings.endpoint}/api/chat`,
    headers: () => ({ accept: 'application/x-ndjson' }),
    prepareBody(body, call) {
      const options = { ...((body.options as Record<string, unknown> | undefined) ?? {}) };
      options.num_ctx = chooseNumCtx(estimateRequestTokens(call.req), call.req.maxOutputTokens, settings.numCtx, settings.numCtxMax);
      const out: Record<string, unknown> = { ...body, options };
      if (settings.keepAlive !== undefined) out.keep_alive = keepAliveValue(settings.keepAlive);
      return out;
    },
    maxOutputTokensLimit: OLLAMA_MAX_OUTPUT_TOKENS,
    contextWindow,
  });
}
