/**
 * @module pipeline/passthrough
 * The fast path of design.md §2: when the client speaks the provider's own dialect
 * (Claude Code → Anthropic, a Chat client → OpenAI) and no stage needs to rewrite content,
 * the client's body goes upstream with only the model name rewritten, and the upstream's
 * bytes flow back untouched. A side tap decodes a copy of the stream with the dialect's
 * own codec to record usage, off the client's path. Streaming requests only: a
 * non-streaming same-dialect request is translated instead (handle-model-request.ts), so its
 * body is read whole and an upstream cut becomes a proper 502.
 */
import type { EgressCodec } from '../dialects/types.js';
import type { IrResponse, IrStream } from '../ir/types.js';
import type { PassthroughCall, ProviderAdapter } from '../providers/types.js';
import { collectResponse } from './collect-response.js';
import { ensureUsage } from './ensure-usage.js';
import { sseJsonPayloads } from './frames/sse.js';
import type { ModelResult } from './handle-model-request.js';
import { teeAsync } from './tee-async.js';
import type { IrRequest } from '../ir/types.js';

export interface PassthroughInput {
  adapter: ProviderAdapter & { passthrough: NonNullable<ProviderAdapter['passthrough']> };
  codec: EgressCodec;
  call: PassthroughCall;
  req: IrRequest;
  headers: Record<string, string>;
  onResponse(response: IrResponse): void;
  /** Observability: the upstream's status and headers arrived (upstream latency). */
  onUpstreamHeaders?(): void;
  /** Observability: a pass-through tap over the side copy's decoded events (first token, debug log). */
  tapEvents?(events: IrStream): IrStream;
}

/** Response headers worth relaying from the upstream (never `openai-model`, wire-contract §1.1.4). */
const RELAY = ['content-type', 'retry-after', 'anthropic-ratelimit-requests-remaining', 'anthropic-ratelimit-tokens-remaining'];

export async function passthrough(input: PassthroughInput): Promise<ModelResult> {
  const res = await input.adapter.passthrough(input.call);
  input.onUpstreamHeaders?.();
  const headers: Record<string, string> = { ...input.headers };
  for (const h of RELAY) if (res.headers[h]) headers[h] = res.headers[h];
  const { primary, side } = teeAsync<Uint8Array>(res.body);
  const decoded = input.codec.decodeStream(sseJsonPayloads(side));
  void collectResponse(ensureUsage(input.tapEvents ? input.tapEvents(decoded) : decoded, input.req), 'passthrough').then(input.onResponse, () => {});
  const decoder = new TextDecoder();
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of primary) yield decoder.decode(chunk, { stream: true });
  }
  return { kind: 'stream', headers: { ...headers, 'cache-control': 'no-cache', connection: 'keep-alive' }, chunks: text() };
}
