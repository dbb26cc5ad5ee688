/**
 * @module providers/upstream-body
 * An upstream response body as undici hands it to a dispatch handler: chunks pushed in,
 * read out with `for await`. It replaces undici's `request()` body (a Node Readable read
 * through its async iterator), which cost twice the CPU per request (docs/performance.md).
 *
 * - Back-pressure: past `HIGH_WATER` unread chunks the socket is paused, and resumed once
 *   the reader caught up.
 * - A reader that stops early (a decoder saw the final event, while the chunked terminator
 *   is a packet behind) does not cost the connection: the rest is read and dropped, bounded
 *   by `DRAIN_MAX_MS` and `DRAIN_MAX_BYTES`, past which the request is aborted. The
 *   connection then goes back to the keep-alive pool.
 * - A transport failure after the headers is thrown to the reader (the adapters turn it
 *   into an IR `error` event).
 */
import type { Dispatcher } from 'undici';
import { DRAIN_MAX_BYTES, DRAIN_MAX_MS } from '../pipeline/frames/body-chunks.js';

const HIGH_WATER = 16;
const DONE: IteratorResult<Uint8Array> = { done: true, value: undefined };

export class UpstreamBody implements AsyncIterable<Uint8Array> {
  #controller: Dispatcher.DispatchController | undefined;
  #queue: Uint8Array[] = [];
  #ended = false;
  #error: unknown;
  #waiting: { resolve(r: IteratorResult<Uint8Array>): void; reject(err: unknown): void } | undefined;
  #discarding = false;
  #discarded = 0;
  #drainTimer: NodeJS.Timeout | undefined;
  #taken = false;

  /** Called by the dispatch handler. */
  attach(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
  }

  push(chunk: Uint8Array): void {
    if (this.#discarding) {
      this.#discarded += chunk.byteLength;
      if (this.#discarded > DRAIN_MAX_BYTES) this.#abort();
      return;
    }
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting.resolve({ done: false, value: chunk });
      return;
    }
    this.#queue.push(chunk);
    if (this.#queue.length >= HIGH_WATER) this.#controller?.pause();
  }

  end(): void {
    this.#ended = true;
    clearTimeout(this.#drainTimer);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.resolve(DONE);
  }

  fail(error: unknown): void {
    if (this.#ended) return;
    this.#error = error;
    clearTimeout(this.#drainTimer);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#taken) throw new Error('An upstream body can be read only once');
    this.#taken = true;
    return {
      next: () => this.#next(),
      return: async () => {
        this.#stopReading();
        return DONE;
      },
    };
  }

  /** The whole body as text (UTF-8). */
  async text(): Promise<string> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of this) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  #next(): Promise<IteratorResult<Uint8Array>> {
    if (this.#queue.length > 0) {
      const value = this.#queue.shift()!;
      if (this.#queue.length === 0) this.#controller?.resume();
      return Promise.resolve({ done: false, value });
    }
    if (this.#error !== undefined) return Promise.reject(this.#error);
    if (this.#ended || this.#discarding) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  /** The reader is gone before the end: drop the rest, bounded, so the connection can be reused. */
  #stopReading(): void {
    if (this.#ended || this.#error !== undefined || this.#discarding) return;
    this.#discarding = true;
    for (const chunk of this.#queue) this.#discarded += chunk.byteLength;
    this.#queue = [];
    if (this.#discarded > DRAIN_MAX_BYTES) return this.#abort();
    this.#drainTimer = setTimeout(() => this.#abort(), DRAIN_MAX_MS);
    this.#controller?.resume();
  }

  #abort(): void {
    clearTimeout(this.#drainTimer);
    if (this.#ended || this.#error !== undefined) return;
    this.#error = new Error('upstream body abandoned');
    this.#controller?.abort(this.#error as Error);
  }
}
