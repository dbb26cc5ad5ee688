/**
 * @module server/send-model-result
 * Writes a pipeline result to the client: JSON in one go, or a stream written chunk by
 * chunk with back-pressure. When the client disconnects the write loop stops, which
 * returns the async generators down the chain and so aborts the upstream request (the
 * route's abort signal does the same for a call that has not produced a chunk yet).
 *
 * Stream chunks are written corked until the end of the current tick: the events decoded
 * from one upstream network chunk go out in one socket write instead of one write (one
 * system call) per event, with no added delay (docs/performance.md).
 */
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { ModelResult } from '../pipeline/handle-model-request.js';

export async function sendModelResult(reply: FastifyReply, result: ModelResult): Promise<void> {
  if (result.kind === 'json') {
    await reply.code(result.status).headers(result.headers).type('application/json').send(result.body);
    return;
  }
  reply.hijack();
  const raw = reply.raw;
  const batch = corkUntilNextTick(raw);
  batch();
  raw.writeHead(200, result.headers);
  raw.flushHeaders();
  await writeChunks(raw, result.chunks, batch, reply.log);
}

/** Corks `raw` (once per tick) and uncorks it on the next tick, so writes made in between share one system call. */
function corkUntilNextTick(raw: ServerResponse): () => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    raw.uncork();
  };
  return function batchWrites() {
    if (corked) return;
    corked = true;
    raw.cork();
    process.nextTick(uncork);
  };
}

/** Resolves when `raw` can take more data or is gone, leaving no listener behind. */
function drainedOrClosed(raw: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}

async function writeChunks(raw: ServerResponse, chunks: AsyncIterable<string>, batch: () => void, log: FastifyBaseLogger): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    while (!raw.destroyed) {
      const next = await iterator.next();
      if (next.done) break;
      if (raw.destroyed) break;
      batch();
      if (!raw.write(next.value)) await drainedOrClosed(raw);
    }
  } catch (err) {
    // An encoder never throws by contract; if one does, end the response rather than crash.
    log.error({ err }, 'stream failed while writing');
  } finally {
    await iterator.return?.();
    if (!raw.destroyed) raw.end();
  }
}
