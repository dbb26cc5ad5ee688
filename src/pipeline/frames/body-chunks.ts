/**
 * @module pipeline/frames/body-chunks
 * An upstream body as chunks for the frame parsers, and what happens to it when a decoder
 * stops reading before the end because the answer is complete (Ollama's `done` line,
 * Anthropic's `message_stop`, Responses' `response.completed`).
 *
 * Leaving a Node Readable's `for await` early destroys the stream with an AbortError: Node
 * builds and formats a stack trace for it, and undici, seeing its body destroyed before
 * the end, closes the socket when the response's last bytes (often the chunked
 * terminator, a packet behind the final line) have not arrived yet. Both cost on every
 * request (profile in docs/performance.md). Instead the rest of the body is drained, so
 * the keep-alive connection goes back to the pool; the drain is bounded in time and bytes,
 * past which the body is destroyed as before. A client that disconnects still aborts the
 * upstream request at once, through the request's AbortSignal.
 * @see https://nodejs.org/api/stream.html#readableiteratoroptions (`destroyOnReturn`)
 */
import type { Readable } from 'node:stream';

/** How long, and how many bytes, a body is drained after its reader stopped early. */
export const DRAIN_MAX_MS = 1_000;
export const DRAIN_MAX_BYTES = 64 * 1024;

export interface BodyChunks<T> {
  chunks: AsyncIterable<T>;
  /** Call once reading stops, whatever the reason (a `finally`). */
  release(): void;
}

/**
 * @example
 *   const source = bodyChunks(res.body);
 *   try { for await (const chunk of source.chunks) … } finally { source.release(); }
 */
export function bodyChunks<T>(body: AsyncIterable<T>): BodyChunks<T> {
  if (!isReadable(body)) return { chunks: body, release() {} };
  return {
    chunks: body.iterator({ destroyOnReturn: false }) as AsyncIterable<T>,
    release: () => drain(body),
  };
}

function isReadable(body: unknown): body is Readable {
  const r = body as Partial<Readable> | null;
  return typeof r?.iterator === 'function' && typeof r.resume === 'function' && typeof r.destroy === 'function';
}

function drain(body: Readable): void {
  if (body.destroyed || body.readableEnded) return;
  // A late error (the upstream resets) must not become an uncaught exception.
  body.on('error', ignore);
  let bytes = 0;
  const timer = setTimeout(() => body.destroy(), DRAIN_MAX_MS);
  body.once('close', () => clearTimeout(timer));
  body.on('data', (chunk: { length: number }) => {
    bytes += chunk.length;
    if (bytes > DRAIN_MAX_BYTES) body.destroy();
  });
  body.resume();
}

function ignore(): void {}
