/**
 * @module dialects/anthropic-messages/tool-call-queue
 * Buffers streamed tool calls until each is complete, and releases them in the order they
 * started. Claude Code needs every `tool_use` block contiguous (start, input_json_delta…,
 * stop), its concatenated JSON valid, and indexes increasing (wire-contract §3.4, §6.3
 * "buffer per index"); an upstream may interleave the argument fragments of parallel calls
 * or send arguments that are not valid JSON, which can only be known at the end.
 */

export interface BufferedToolCall {
  id: string;
  name: string;
  toolKind: 'function' | 'custom';
  arguments: string;
}

interface Entry extends BufferedToolCall {
  done: boolean;
}

export class ToolCallQueue {
  readonly #entries: Entry[] = [];

  /** Starts a call (a repeated start of the same id is ignored). */
  start(id: string, name: string, toolKind: 'function' | 'custom'): void {
    if (this.#find(id)) return;
    this.#entries.push({ id, name, toolKind, arguments: '', done: false });
  }

  /** Appends an argument fragment; false when the id was never started. */
  append(id: string, delta: string): boolean {
    const e = this.#find(id);
    if (!e || e.done) return false;
    e.arguments += delta;
    return true;
  }

  /** Marks a call complete. */
  end(id: string): void {
    const e = this.#find(id);
    if (e) e.done = true;
  }

  /** Removes and returns the complete calls at the head of the queue (all calls when `all`). */
  take(all = false): BufferedToolCall[] {
    const out: BufferedToolCall[] = [];
    while (this.#entries.length > 0 && (all || this.#entries[0].done)) {
      const { done: _done, ...call } = this.#entries.shift()!;
      out.push(call);
    }
    return out;
  }

  get size(): number {
    return this.#entries.length;
  }

  #find(id: string): Entry | undefined {
    return this.#entries.find((e) => e.id === id);
  }
}
