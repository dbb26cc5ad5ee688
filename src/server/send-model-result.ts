/**
 * @module server/send-model-result
 * Writes a pipeline result to the client: JSON in one go, or a stream written chunk by
 * chunk with back-pressure. When the client disconnects the write loop stops, which
 * returns the async generators down the chain and so aborts the upstream request (the
 * route's abort signal does the same for a call that has not produced a chunk yet).
 *
 * Stream chunks are collected until the end of the current tick and written as one string:
 * the events decoded from one upstream network chunk go out in one write (one system
 * call) instead of one per event, with no added delay (docs/performance.md).
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
  raw.writeHead(200, result.headers);
  const out = tickBatcher(raw);
  const liveness = result.keepalive ? keepWriting(out, result.keepalive) : undefined;
  try {
    await writeChunks(raw, result.chunks, out, reply.log);
  } finally {
    liveness?.stop();
  }
}

/**
 * The writer's side of liveness (`StreamKeepalive`): one timer per stream; when it fires
 * and nothing was written for `intervalMs`, the encoder's liveness frame goes out. Not while
 * the socket is full (data is waiting anyway) and never after the stream's last frame.
 */
function keepWriting(out: TickBatcher, { intervalMs, frame }: { intervalMs: number; frame(): string }): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const check = () => {
    if (stopped) return;
    const quiet = performance.now() - out.lastWriteAt;
    if (quiet >= intervalMs && !out.full()) {
      const text = frame();
      if (text) out.push(text);
      timer = setTimeout(check, intervalMs);
    } else timer = setTimeout(check, Math.max(1, intervalMs - quiet));
  };
  timer = setTimeout(check, intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Past this many characters a batch is written at once rather than at the end of the tick. */
const BATCH_MAX_CHARS = 64 * 1024;

interface TickBatcher {
  push(chunk: string): void;
  /** Writes what is pending and takes nothing more (end of stream; a late keep-alive is dropped). */
  close(): void;
  /** performance.now() of the last chunk pushed (or of the start). */
  readonly lastWriteAt: number;
  /** True while the socket has more than it can take (back-pressure). */
  full(): boolean;
}

/**
 * Collects the chunks produced within one tick and writes them as one string on the next
 * tick (or at once past BATCH_MAX_CHARS), headers included in the first write. One write
 * call and one system call per upstream network chunk, instead of one per event.
 */
function tickBatcher(raw: ServerResponse): TickBatcher {
  let pending = '';
  let scheduled = false;
  let headersSent = false;
  const flush = () => {
    scheduled = false;
    if (raw.destroyed) return;
    if (pending === '') {
      // Headers go out without waiting for the first event (a silent upstream still gets its 200).
      if (!headersSent) raw.flushHeaders();
      headersSent = true;
      return;
    }
    const data = pending;
    pending = '';
    headersSent = true;
    raw.write(data);
  };
  scheduled = true;
  process.nextTick(flush);
  let lastWriteAt = performance.now();
  let closed = false;
  return {
    get lastWriteAt() {
      return lastWriteAt;
    },
    full: () => raw.writableNeedDrain,
    close() {
      flush();
      closed = true;
    },
    push(chunk) {
      if (closed) return;
      lastWriteAt = performance.now();
      pending += chunk;
      if (pending.length >= BATCH_MAX_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        process.nextTick(flush);
      }
    },
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

async function writeChunks(raw: ServerResponse, chunks: AsyncIterable<string>, out: TickBatcher, log: FastifyBaseLogger): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    while (!raw.destroyed) {
      const next = await iterator.next();
      if (next.done) break;
      if (raw.destroyed) break;
      out.push(next.value);
      // Back-pressure: a batch the socket could not take yet holds the next event back.
      if (raw.writableNeedDrain) await drainedOrClosed(raw);
    }
  } catch (err) {
    // An encoder never throws by contract; if one does, end the response rather than crash.
    log.error({ err }, 'stream failed while writing');
  } finally {
    out.close();
    await iterator.return?.();
    if (!raw.destroyed) raw.end();
  }
}
