/**
 * @module dialects/openai-responses/stream-translator
 * The pure state machine behind `encodeStream`: IR stream events in, Responses stream event
 * objects out (wire-contract §3.1 sequence, §3.3 terminal events). No I/O and no SSE text;
 * `encode-stream.ts` frames what this returns.
 *
 * Every output item gets `response.output_item.added`, its deltas, then
 * `response.output_item.done`, which is what Codex builds history from. Output indexes are
 * assigned when an item is added, in order, so they match the position the OpenAI SDK
 * pushes the item to. The translator never throws: a delta for a block that was never
 * started starts it implicitly; events after the terminal one are ignored.
 */
import type { LynkrError } from '../../ir/errors.js';
import { newId } from '../../ir/helpers.js';
import type { DialectName, IrStreamEvent, IrUsage } from '../../ir/types.js';
import type { IngressContext } from '../types.js';
import { mapFinish, responsesError, type ResponseOutcome } from './map-finish.js';
import {
  buildResponse,
  completeArguments,
  messageItem,
  outputTextPart,
  reasoningEncryptedContent,
  reasoningItem,
  renderUsage,
  toolCallItem,
  type OutputItem,
} from './response-items.js';

/** One Responses stream event, before `sequence_number` is stamped on. */
export type ResponsesStreamEvent = { type: string; sequence_number: number } & Record<string, unknown>;

interface TextBlock {
  kind: 'text';
  itemId: string;
  outputIndex: number;
  text: string;
}
interface ReasoningBlock {
  kind: 'reasoning';
  itemId: string;
  outputIndex: number;
  text: string;
  provider?: string;
}
interface ToolBlock {
  kind: 'tool';
  itemId: string;
  outputIndex: number;
  callId: string;
  name: string;
  namespace?: string;
  toolKind: 'function' | 'custom';
  payload: string;
}
type Block = TextBlock | ReasoningBlock | ToolBlock;

type ReasoningEnd = Extract<IrStreamEvent, { type: 'reasoning-end' }>;
type ToolStart = Extract<IrStreamEvent, { type: 'tool-call-start' }>;

/**
 * Translates one response's IR events.
 * @example
 *   const t = new ResponsesStreamTranslator(ctx);
 *   t.begin();                                        // response.created, response.in_progress
 *   t.push({ type: 'text-delta', id: 't', delta: 'Hi' }); // output_item.added, content_part.added, output_text.delta
 *   t.push({ type: 'finish', reason: 'stop' });       // …done events, response.completed
 */
export class ResponsesStreamTranslator {
  readonly #ctx: IngressContext;
  #sequence = 0;
  /** Completed items by output index; open items hold their `added` shape until done. */
  readonly #output: OutputItem[] = [];
  readonly #open = new Map<string, Block>();
  #usage: IrUsage | undefined;
  #startUsage: Partial<IrUsage> | undefined;
  #ended = false;
  #pending: ResponsesStreamEvent[] = [];

  constructor(ctx: IngressContext) {
    this.#ctx = ctx;
  }

  /** True once a terminal event (completed, incomplete, failed) was produced. */
  get ended(): boolean {
    return this.#ended;
  }

  /** `response.created` then `response.in_progress`. */
  begin(): ResponsesStreamEvent[] {
    const response = this.#inProgress([]);
    this.#emit('response.created', { response });
    this.#emit('response.in_progress', { response });
    return this.#drain();
  }

  /** The Responses events for one IR event. */
  push(event: IrStreamEvent): ResponsesStreamEvent[] {
    if (this.#ended) return [];
    switch (event.type) {
      case 'start':
        this.#startUsage = event.usage;
        break;
      case 'text-start':
        this.#textBlock(event.id);
        break;
      case 'text-delta': {
        const block = this.#textBlock(event.id);
        block.text += event.delta;
        this.#emit('response.output_text.delta', {
          item_id: block.itemId,
          output_index: block.outputIndex,
          content_index: 0,
          delta: event.delta,
        });
        break;
      }
      case 'text-end':
        this.#closeIfOpen(`text:${event.id}`);
        break;
      case 'reasoning-start':
        this.#reasoningBlock(event.id, event.provider);
        break;
      case 'reasoning-delta': {
        const block = this.#reasoningBlock(event.id);
        block.text += event.delta;
        this.#emit('response.reasoning_summary_text.delta', {
          item_id: block.itemId,
          output_index: block.outputIndex,
          summary_index: 0,
          delta: event.delta,
        });
        break;
      }
      case 'reasoning-end': {
        // An end that carries a signature or redacted data must not be lost, even unstarted.
        const carriesData = event.signature !== undefined || event.redactedData !== undefined || event.encrypted;
        if (this.#open.has(`reasoning:${event.id}`) || carriesData) {
          this.#closeReasoning(this.#reasoningBlock(event.id), event);
        }
        break;
      }
      case 'tool-call-start':
        this.#toolBlock(event);
        break;
      case 'tool-call-delta': {
        // A delta without a start has lost its name; keep the call rather than drop the input.
        const block = this.#toolBlock({ type: 'tool-call-start', id: event.id, name: '', toolKind: 'function' });
        block.payload += event.delta;
        this.#emit(
          block.toolKind === 'custom' ? 'response.custom_tool_call_input.delta' : 'response.function_call_arguments.delta',
          { item_id: block.itemId, output_index: block.outputIndex, delta: event.delta },
        );
        break;
      }
      case 'tool-call-end':
        this.#closeIfOpen(`tool:${event.id}`);
        break;
      case 'opaque':
        this.#opaque(event.dialect, event.value);
        break;
      case 'usage':
        this.#usage = event.usage;
        break;
      case 'keepalive':
        // Codex's idle timer ignores SSE comments: only a real event keeps the stream alive (§3.1).
        this.#emit('response.in_progress', { response: this.#inProgress(this.#snapshot()) });
        break;
      case 'finish':
        this.#finish(mapFinish(event.reason, event.rawReason), event.usage);
        break;
      case 'error':
        this.#fail(event.error);
        break;
    }
    return this.#drain();
  }

  /** `response.failed` for an error; open items are left as they are (§3.3). */
  fail(error: LynkrError): ResponsesStreamEvent[] {
    if (!this.#ended) this.#fail(error);
    return this.#drain();
  }

  /** Called when the IR stream ended: without a finish or error, the response failed. */
  end(): ResponsesStreamEvent[] {
    if (this.#ended) return [];
    this.#terminal({ status: 'failed', error: { code: 'server_error', message: 'upstream stream ended unexpectedly' } });
    return this.#drain();
  }

  // -- blocks ---------------------------------------------------------------

  #add(item: OutputItem): number {
    const outputIndex = this.#output.length;
    this.#output.push(item);
    this.#emit('response.output_item.added', { output_index: outputIndex, item });
    return outputIndex;
  }

  #done(outputIndex: number, item: OutputItem): void {
    this.#output[outputIndex] = item;
    this.#emit('response.output_item.done', { output_index: outputIndex, item });
  }

  #textBlock(id: string): TextBlock {
    const key = `text:${id}`;
    const open = this.#open.get(key);
    if (open?.kind === 'text') return open;
    const itemId = newId('msg');
    const outputIndex = this.#add(messageItem({ id: itemId, status: 'in_progress' }));
    this.#emit('response.content_part.added', {
      item_id: itemId,
      output_index: outputIndex,
      content_index: 0,
      part: outputTextPart(''),
    });
    const block: TextBlock = { kind: 'text', itemId, outputIndex, text: '' };
    this.#open.set(key, block);
    return block;
  }

  #reasoningBlock(id: string, provider?: string): ReasoningBlock {
    const key = `reasoning:${id}`;
    const open = this.#open.get(key);
    if (open?.kind === 'reasoning') return open;
    const itemId = newId('rs');
    const outputIndex = this.#add(reasoningItem({ id: itemId }));
    this.#emit('response.reasoning_summary_part.added', {
      item_id: itemId,
      output_index: outputIndex,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    });
    const block: ReasoningBlock = { kind: 'reasoning', itemId, outputIndex, text: '' };
    if (provider !== undefined) block.provider = provider;
    this.#open.set(key, block);
    return block;
  }

  #toolBlock(start: ToolStart): ToolBlock {
    const key = `tool:${start.id}`;
    const open = this.#open.get(key);
    if (open?.kind === 'tool') return open;
    const block: ToolBlock = {
      kind: 'tool',
      itemId: newId(start.toolKind === 'custom' ? 'ctc' : 'fc'),
      outputIndex: -1,
      callId: start.id,
      name: start.name,
      toolKind: start.toolKind,
      payload: '',
    };
    if (start.namespace) block.namespace = start.namespace;
    block.outputIndex = this.#add(this.#toolItem(block, 'in_progress'));
    this.#open.set(key, block);
    return block;
  }

  #toolItem(block: ToolBlock, status: 'in_progress' | 'completed'): OutputItem {
    return toolCallItem({
      id: block.itemId,
      callId: block.callId,
      name: block.name,
      namespace: block.namespace,
      toolKind: block.toolKind,
      payload: block.payload,
      status,
    });
  }

  #closeIfOpen(key: string): void {
    const block = this.#open.get(key);
    if (block) this.#close(block);
  }

  #close(block: Block): void {
    switch (block.kind) {
      case 'text':
        return this.#closeText(block);
      case 'reasoning':
        return this.#closeReasoning(block, undefined);
      case 'tool':
        return this.#closeTool(block);
    }
  }

  #closeText(block: TextBlock): void {
    this.#forget(block);
    const ref = { item_id: block.itemId, output_index: block.outputIndex, content_index: 0 };
    this.#emit('response.output_text.done', { ...ref, text: block.text });
    this.#emit('response.content_part.done', { ...ref, part: outputTextPart(block.text) });
    this.#done(block.outputIndex, messageItem({ id: block.itemId, text: block.text, status: 'completed' }));
  }

  #closeReasoning(block: ReasoningBlock, end: ReasoningEnd | undefined): void {
    this.#forget(block);
    const ref = { item_id: block.itemId, output_index: block.outputIndex, summary_index: 0 };
    this.#emit('response.reasoning_summary_text.done', { ...ref, text: block.text });
    this.#emit('response.reasoning_summary_part.done', { ...ref, part: { type: 'summary_text', text: block.text } });
    const encryptedContent = reasoningEncryptedContent({
      text: block.text,
      provider: block.provider,
      signature: end?.signature,
      redactedData: end?.redactedData,
      encrypted: end?.encrypted,
    });
    this.#done(block.outputIndex, reasoningItem({ id: block.itemId, text: block.text, encryptedContent }));
  }

  #closeTool(block: ToolBlock): void {
    this.#forget(block);
    const ref = { item_id: block.itemId, output_index: block.outputIndex };
    if (block.toolKind === 'custom') {
      this.#emit('response.custom_tool_call_input.done', { ...ref, input: block.payload });
    } else {
      this.#emit('response.function_call_arguments.done', { ...ref, arguments: completeArguments(block.payload) });
    }
    this.#done(block.outputIndex, this.#toolItem(block, 'completed'));
  }

  #forget(block: Block): void {
    for (const [key, open] of this.#open) if (open === block) this.#open.delete(key);
  }

  /** A Responses-dialect item (e.g. a remote `compaction` item) passes through verbatim; others are dropped. */
  #opaque(dialect: DialectName, value: unknown): void {
    if (dialect !== 'openai-responses' || typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const item = value as OutputItem;
    this.#done(this.#add(item), item);
  }

  // -- terminal -------------------------------------------------------------

  #fail(error: LynkrError): void {
    this.#terminal({ status: 'failed', error: responsesError(error) });
  }

  #finish(outcome: ResponseOutcome, usage: IrUsage | undefined): void {
    const open = [...this.#open.values()].sort((a, b) => a.outputIndex - b.outputIndex);
    for (const block of open) this.#close(block);
    if (usage) this.#usage = usage;
    this.#terminal(outcome);
  }

  /** The one terminal event; its `output` holds the items that reached `output_item.done`. */
  #terminal(outcome: ResponseOutcome): void {
    this.#ended = true;
    const type =
      outcome.status === 'completed'
        ? 'response.completed'
        : outcome.status === 'incomplete'
          ? 'response.incomplete'
          : 'response.failed';
    const usage = renderUsage(this.#finalUsage());
    this.#emit(type, { response: buildResponse({ ctx: this.#ctx, outcome, output: this.#completedOutput(), usage }) });
  }

  #finalUsage(): IrUsage | undefined {
    if (this.#usage) return this.#usage;
    if (!this.#startUsage) return undefined;
    return { inputTokens: 0, outputTokens: 0, ...this.#startUsage };
  }

  // -- snapshots ------------------------------------------------------------

  /** Items that reached `output_item.done`, in output order. */
  #completedOutput(): OutputItem[] {
    const openIndexes = new Set([...this.#open.values()].map((b) => b.outputIndex));
    return this.#output.filter((_, i) => !openIndexes.has(i));
  }

  /** Every item so far, open ones in their partial state (keeps SDK snapshots consistent on keepalive). */
  #snapshot(): OutputItem[] {
    const items = [...this.#output];
    for (const block of this.#open.values()) {
      switch (block.kind) {
        case 'text':
          items[block.outputIndex] = messageItem({ id: block.itemId, text: block.text, status: 'in_progress' });
          break;
        case 'reasoning':
          items[block.outputIndex] = { id: block.itemId, type: 'reasoning', summary: [{ type: 'summary_text', text: block.text }] };
          break;
        case 'tool':
          items[block.outputIndex] = this.#toolItem(block, 'in_progress');
          break;
      }
    }
    return items;
  }

  #inProgress(output: OutputItem[]): OutputItem {
    return buildResponse({ ctx: this.#ctx, outcome: { status: 'in_progress' }, output, usage: null });
  }

  #emit(type: string, payload: Record<string, unknown>): void {
    this.#pending.push({ type, sequence_number: this.#sequence++, ...payload });
  }

  #drain(): ResponsesStreamEvent[] {
    const events = this.#pending;
    this.#pending = [];
    return events;
  }
}
