/**
 * @module store/response-store
 * Keeps Responses-API results for clients that use `store` and `previous_response_id`
 * (the OpenAI Agents SDK; Codex sends `store:false` and full history). An in-memory LRU
 * with a TTL behind a small interface, so a SQLite or Redis store can replace it.
 */
import type { IrMessage, IrPart, IrTextPart } from '../ir/types.js';

export interface StoredResponse {
  id: string;
  createdAt: number;
  /** The conversation up to and including this response's assistant output. */
  system: IrTextPart[];
  messages: IrMessage[];
  /** The Responses body that was returned, served again by GET /v1/responses/{id}. */
  body: unknown;
}

export interface ResponseStore {
  get(id: string): Promise<StoredResponse | undefined>;
  put(entry: StoredResponse): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export class MemoryResponseStore implements ResponseStore {
  readonly #entries = new Map<string, { entry: StoredResponse; expires: number }>();

  constructor(
    readonly maxEntries = 1000,
    readonly ttlMs = 24 * 3600_000,
  ) {}

  async get(id: string): Promise<StoredResponse | undefined> {
    const hit = this.#entries.get(id);
    if (!hit) return undefined;
    if (hit.expires < Date.now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return hit.entry;
  }

  async put(entry: StoredResponse): Promise<void> {
    this.#entries.delete(entry.id);
    this.#entries.set(entry.id, { entry, expires: Date.now() + this.ttlMs });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  async delete(id: string): Promise<boolean> {
    return this.#entries.delete(id);
  }
}

/** The assistant message for a response's parts (for building the next turn's history). */
export function assistantMessage(parts: IrPart[]): IrMessage {
  return { role: 'assistant', parts: parts.filter((p) => p.type !== 'opaque') };
}
