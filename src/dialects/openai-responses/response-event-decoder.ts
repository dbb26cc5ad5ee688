/**
 * @module dialects/openai-responses/response-event-decoder
 * The pure per-event mapping of a Responses API stream (an upstream's `data:` payloads) to
 * IR events, with the IR block lifecycle (wire-contract §3.1–§3.3, §6.2):
 * - `response.created` → `start` (id, model);
 * - `response.output_text.delta` / `response.refusal.delta` → text deltas, one text block
 *   per `message` item, closed at its `output_item.done`;
 * - `response.reasoning_summary_text.delta` (summary parts joined by a blank line) or
 *   `response.reasoning_text.delta` (raw reasoning, e.g. gpt-oss) → reasoning deltas; the
 *   item's `output_item.done` closes the block with OpenAI's own `encrypted_content`, so a
 *   Responses client gets it back verbatim (a reasoning item with only encrypted content
 *   still yields an empty block that carries it);
 * - `function_call` / `custom_tool_call` items → a tool call opened at `output_item.added`,
 *   `response.function_call_arguments.delta` / `response.custom_tool_call_input.delta` as
 *   its deltas, closed at `output_item.done`; an item that streamed no deltas (or arrived
 *   only as `done`) gets its arguments from the done item;
 * - any other finished item (hosted `web_search_call`, `compaction`, …) → `opaque`;
 * - `response.completed` → usage + finish (`tool_calls` when calls were made);
 *   `response.incomplete` → `length` (max_output_tokens) or `content_filter`;
 *   `response.failed` and a top-level `error` event → an IR error.
 * A message item that streamed no deltas gets its text from the done item.
 *
 * @example
 * const d = new ResponseEventDecoder();
 * d.push({ type: 'response.created', response: { id: 'resp_1', model: 'gpt-5' } }); // [start]
 * d.push({ type: 'response.output_text.delta', item_id: 'msg_1', delta: 'Hi' });   // [text-start, text-delta]
 * d.end(); // [error] — the stream stopped before response.completed
 */
import { LynkrError } from '../../ir/errors.js';
import type { IrFinishReason, IrStreamEvent, IrUsage } from '../../ir/types.js';
import { decodeStreamFailure } from './decode-error.js';
import { decodeResponsesUsage } from './decode-usage.js';
import { arr, isObject, str, type WireObject } from './wire-values.js';

interface OpenBlock {
  kind: 'text' | 'reasoning' | 'tool';
  /** The upstream item id the block belongs to. */
  itemId: string;
  /** The IR block id (the call id for a tool call). */
  id: string;
}

/** What has been streamed for one output item. */
interface ItemProgress {
  streamed: boolean;
  /** Reasoning: which delta kind this item uses, and the last summary part seen. */
  reasoningSource?: 'summary' | 'raw';
  summaryIndex?: number;
}

export class ResponseEventDecoder {
  #started = false;
  #ended = false;
  #open?: OpenBlock;
  #seq = 0;
  #toolCalls = 0;
  readonly #items = new Map<string, ItemProgress>();

  /** True once `finish` or `error` was emitted. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The IR events for one upstream payload. */
  push(payload: unknown): IrStreamEvent[] {
    if (this.#ended || !isObject(payload)) return [];
    const type = str(payload.type);
    if (type === undefined) {
      // The frame layer turns unparsable data into `{error:{message}}`.
      return payload.error !== undefined ? this.#fail(decodeStreamFailure(payload.error)) : [];
    }
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
        return this.#start(payload.response);
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return this.#text(str(payload.item_id) ?? '', str(payload.delta) ?? '');
      case 'response.reasoning_summary_text.delta':
        return this.#reasoning(str(payload.item_id) ?? '', str(payload.delta) ?? '', 'summary', payload.summary_index);
      case 'response.reasoning_text.delta':
        return this.#reasoning(str(payload.item_id) ?? '', str(payload.delta) ?? '', 'raw', undefined);
      case 'response.output_item.added':
        return isObject(payload.item) ? this.#itemAdded(payload.item) : [];
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        return this.#toolDelta(str(payload.item_id) ?? '', str(payload.delta) ?? '');
      case 'response.output_item.done':
        return isObject(payload.item) ? this.#itemDone(payload.item) : [];
      case 'response.completed':
        return this.#finish(payload.response, this.#toolCalls > 0 ? 'tool_calls' : 'stop', undefined);
      case 'response.incomplete': {
        const response = isObject(payload.response) ? payload.response : {};
        const reason = isObject(response.incomplete_details) ? str(response.incomplete_details.reason) : undefined;
        const ir: IrFinishReason = reason === 'max_output_tokens' ? 'length' : reason === 'content_filter' ? 'content_filter' : 'other';
        return this.#finish(response, ir, reason ?? 'incomplete');
      }
      case 'response.failed': {
        const response = isObject(payload.response) ? payload.response : {};
        return this.#fail(decodeStreamFailure(response.error ?? { message: 'The upstream response failed.' }));
      }
      case 'error':
        return this.#fail(decodeStreamFailure(payload));
      default:
        return [];
    }
  }

  /** Called when the upstream stream ended: without a terminal event the response is incomplete. */
  end(): IrStreamEvent[] {
    if (this.#ended) return [];
    return this.#fail(new LynkrError('upstream_error', 'The upstream stream ended before response.completed.'));
  }

  // -- blocks ---------------------------------------------------------------

  #start(response: unknown): IrStreamEvent[] {
    if (this.#started) return [];
    this.#started = true;
    const ev: IrStreamEvent = { type: 'start' };
    if (isObject(response)) {
      const id = str(response.id);
      const model = str(response.model);
      if (id !== undefined) ev.id = id;
      if (model !== undefined) ev.model = model;
    }
    return [ev];
  }

  #progress(itemId: string): ItemProgress {
    let p = this.#items.get(itemId);
    if (!p) {
      p = { streamed: false };
      this.#items.set(itemId, p);
    }
    return p;
  }

  /** Opens the block for an item (closing another open block first). */
  #ensureOpen(kind: OpenBlock['kind'], itemId: string, provider?: string): IrStreamEvent[] {
    if (this.#open?.kind === kind && this.#open.itemId === itemId) return [];
    const events = [...this.#start(undefined), ...this.#closeOpen(undefined)];
    const id = `${kind}_${this.#seq++}`;
    this.#open = { kind, itemId, id };
    if (kind === 'text') events.push({ type: 'text-start', id });
    else events.push(provider ? { type: 'reasoning-start', id, provider } : { type: 'reasoning-start', id });
    return events;
  }

  #closeOpen(encrypted: string | undefined): IrStreamEvent[] {
    const open = this.#open;
    if (!open) return [];
    this.#open = undefined;
    if (open.kind === 'text') return [{ type: 'text-end', id: open.id }];
    if (open.kind === 'tool') return [{ type: 'tool-call-end', id: open.id }];
    const end: IrStreamEvent = { type: 'reasoning-end', id: open.id };
    if (encrypted) end.encrypted = { dialect: 'openai-responses', value: encrypted };
    return [end];
  }

  #text(itemId: string, delta: string): IrStreamEvent[] {
    if (delta.length === 0) return [];
    this.#progress(itemId).streamed = true;
    return [...this.#ensureOpen('text', itemId), { type: 'text-delta', id: this.#open!.id, delta }];
  }

  #reasoning(itemId: string, delta: string, source: 'summary' | 'raw', summaryIndex: unknown): IrStreamEvent[] {
    if (delta.length === 0) return [];
    const progress = this.#progress(itemId);
    // An item streams either summaries or raw text; taking both would repeat the reasoning.
    progress.reasoningSource ??= source;
    if (progress.reasoningSource !== source) return [];
    const events = this.#ensureOpen('reasoning', itemId, 'openai');
    let text = delta;
    if (source === 'summary' && typeof summaryIndex === 'number') {
      if (progress.summaryIndex !== undefined && summaryIndex !== progress.summaryIndex && progress.streamed) text = `\n\n${delta}`;
      progress.summaryIndex = summaryIndex;
    }
    progress.streamed = true;
    events.push({ type: 'reasoning-delta', id: this.#open!.id, delta: text });
    return events;
  }

  #itemDone(item: WireObject): IrStreamEvent[] {
    const itemId = str(item.id) ?? '';
    const streamed = this.#items.get(itemId)?.streamed ?? false;
    switch (item.type) {
      case 'message': {
        const events = streamed ? [] : this.#text(itemId, messageText(item));
        return this.#open?.itemId === itemId ? [...events, ...this.#closeOpen(undefined)] : events;
      }
      case 'reasoning': {
        const encrypted = str(item.encrypted_content);
        const events = streamed ? [] : this.#reasoning(itemId, reasoningText(item), 'summary', undefined);
        // Reasoning with nothing to show still round-trips its encrypted content.
        if (this.#open?.itemId !== itemId && encrypted) events.push(...this.#ensureOpen('reasoning', itemId, 'openai'));
        return this.#open?.itemId === itemId ? [...events, ...this.#closeOpen(encrypted)] : events;
      }
      case 'function_call':
      case 'custom_tool_call': {
        const events = this.#open?.kind === 'tool' && this.#open.itemId === itemId ? [] : this.#toolStart(item);
        if (!streamed) events.push(...this.#toolDelta(itemId, toolPayload(item)));
        return [...events, ...this.#closeOpen(undefined)];
      }
      default:
        return [...this.#start(undefined), ...this.#closeOpen(undefined), { type: 'opaque', dialect: 'openai-responses', value: item }];
    }
  }

  #itemAdded(item: WireObject): IrStreamEvent[] {
    return item.type === 'function_call' || item.type === 'custom_tool_call' ? this.#toolStart(item) : [];
  }

  /** Opens a tool-call block for a `function_call` / `custom_tool_call` item. */
  #toolStart(item: WireObject): IrStreamEvent[] {
    const itemId = str(item.id) ?? '';
    const id = str(item.call_id) ?? (itemId || `call_${this.#seq++}`);
    const custom = item.type === 'custom_tool_call';
    this.#toolCalls++;
    const events = [...this.#start(undefined), ...this.#closeOpen(undefined)];
    this.#open = { kind: 'tool', itemId, id };
    events.push({ type: 'tool-call-start', id, name: str(item.name) ?? '', toolKind: custom ? 'custom' : 'function' });
    return events;
  }

  #toolDelta(itemId: string, delta: string): IrStreamEvent[] {
    // Deltas of a call that is not the open block have lost their start; the done item carries them whole.
    if (delta.length === 0 || this.#open?.kind !== 'tool' || this.#open.itemId !== itemId) return [];
    this.#progress(itemId).streamed = true;
    return [{ type: 'tool-call-delta', id: this.#open.id, delta }];
  }

  // -- terminal -------------------------------------------------------------

  #finish(response: unknown, reason: IrFinishReason, rawReason: string | undefined): IrStreamEvent[] {
    const events = [...this.#start(response), ...this.#closeOpen(undefined)];
    this.#ended = true;
    const usage: IrUsage | undefined = isObject(response) ? decodeResponsesUsage(response.usage) : undefined;
    if (usage) events.push({ type: 'usage', usage });
    const finish: IrStreamEvent = { type: 'finish', reason };
    if (rawReason !== undefined) finish.rawReason = rawReason;
    if (usage) finish.usage = usage;
    events.push(finish);
    return events;
  }

  /** Ends with an error; open blocks stay open, they did not complete. */
  #fail(error: LynkrError): IrStreamEvent[] {
    const events = this.#start(undefined);
    this.#ended = true;
    events.push({ type: 'error', error });
    return events;
  }
}

/** A call item's arguments (function, JSON text) or raw input (custom). */
function toolPayload(item: WireObject): string {
  const payload = item.type === 'custom_tool_call' ? item.input : item.arguments;
  return typeof payload === 'string' ? payload : payload === undefined || payload === null ? '' : JSON.stringify(payload);
}

function messageText(item: WireObject): string {
  return arr(item.content)
    .filter(isObject)
    .map((p) => str(p.text) ?? str(p.refusal) ?? '')
    .join('');
}

/** The summary texts (joined by a blank line), else the raw reasoning text. */
function reasoningText(item: WireObject): string {
  const summary = arr(item.summary)
    .filter(isObject)
    .map((p) => str(p.text) ?? '')
    .filter((t) => t.length > 0);
  if (summary.length > 0) return summary.join('\n\n');
  return arr(item.content)
    .filter(isObject)
    .map((p) => str(p.text) ?? '')
    .join('');
}
