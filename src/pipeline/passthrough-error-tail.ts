/**
 * @module pipeline/passthrough-error-tail
 * wire-contract §4, row "Upstream stream breaks mid-way", on the pass-through fast path. The
 * upstream's bytes are relayed untouched, so when its stream breaks (socket reset, idle
 * time-out, abort at shutdown) the client would only see a torn connection. This stage
 * relays whole SSE frames only and, on a failure, drops the partial frame and ends with the
 * client dialect's own in-stream error instead: Anthropic `event: error`, a chat error chunk
 * without `[DONE]`, Responses `response.failed`.
 *
 * The error frame comes from the ingress codec itself — the last frame it renders for a
 * stream holding only that error — so no dialect is special-cased here. Relayed frames that
 * carry an error get configured secrets removed: an upstream may echo the key it was given.
 */
import { redactSecrets } from '../config/index.js';
import type { IngressCodec, IngressContext } from '../dialects/types.js';
import type { LynkrError } from '../ir/errors.js';
import type { IrStreamEvent } from '../ir/types.js';
import { transportError } from '../providers/upstream-http.js';

export interface ErrorTailInput {
  /** The relayed SSE text. */
  chunks: AsyncIterable<string>;
  codec: IngressCodec;
  ctx: IngressContext;
  /** Provider name for the error message. */
  provider: string;
  /** Adjusts the error before it is rendered (e.g. redaction) and records it. */
  onError?(error: LynkrError): LynkrError;
  /** Secrets to remove from relayed error frames. */
  secrets?: readonly string[];
}

export async function* endBrokenStream({ chunks, codec, ctx, provider, onError, secrets = [] }: ErrorTailInput): AsyncGenerator<string> {
  const scrub = (frames: string) => (secrets.length > 0 && frames.includes('"error"') ? redactSecrets(frames, secrets) : frames);
  let pending = '';
  try {
    for await (const chunk of chunks) {
      pending += chunk;
      const end = endOfLastFrame(pending);
      if (end > 0) {
        yield scrub(pending.slice(0, end));
        pending = pending.slice(end);
      }
    }
  } catch (err) {
    const error = transportError(err, provider);
    yield await errorFrame(codec, ctx, onError ? onError(error) : error);
    return;
  }
  if (pending) yield scrub(pending);
}

/** Index just past the last blank line (`\n\n` or `\r\n\r\n`) that ends an SSE frame, or 0. */
function endOfLastFrame(text: string): number {
  const lf = text.lastIndexOf('\n\n');
  const crlf = text.lastIndexOf('\r\n\r\n');
  return Math.max(lf < 0 ? 0 : lf + 2, crlf < 0 ? 0 : crlf + 4);
}

async function errorFrame(codec: IngressCodec, ctx: IngressContext, error: LynkrError): Promise<string> {
  async function* only(): AsyncGenerator<IrStreamEvent> {
    yield { type: 'error', error };
  }
  let text = '';
  for await (const chunk of codec.encodeStream(only(), ctx)) text += chunk;
  const frames = text.split(/\r?\n\r?\n/).filter((f) => f.trim() !== '');
  return frames.length > 0 ? `${frames[frames.length - 1]}\n\n` : '';
}
