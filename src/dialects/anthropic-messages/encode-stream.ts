/**
 * @module dialects/anthropic-messages/encode-stream
 * IR stream events → Anthropic Messages SSE for Claude Code and Anthropic SDK clients, in the
 * order wire-contract §3.4 requires: `message_start` (once, echoing the *requested* model) and
 * a `ping`; content blocks with strictly increasing indexes; `message_delta` with the stop
 * reason and usage; `message_stop`. Tool input travels only in `input_json_delta` chunks that
 * concatenate to a valid JSON object (Claude Code ignores `content_block_start.input`).
 * Text and thinking blocks open lazily on their first content, so no empty block is sent
 * (Claude Code would echo it back, and Anthropic rejects empty text blocks).
 */
import type { LynkrError } from '../../ir/errors.js';
import type { IrStream, IrStreamEvent, IrUsage } from '../../ir/types.js';
import { encodeWith } from '../shared/encode-with.js';
import type { IngressContext, StreamEncoder } from '../types.js';
import { anthropicErrorMessage, anthropicErrorType } from './error-type.js';
import { toAnthropicStopReason } from './map-stop-reason.js';
import { anthropicSseFrame as frame } from './sse-frame.js';
import { ToolCallQueue, type BufferedToolCall } from './tool-call-queue.js';
import { toolInputJson } from './tool-input.js';
import { toAnthropicUsage } from './usage.js';
import { DIALECT, isBlock } from './wire-types.js';

/** Longest `partial_json` chunk sent for a buffered tool input. */
const JSON_CHUNK = 4096;
/** While tool arguments are buffered, send a `ping` every this many fragments to show liveness. */
const PING_EVERY_FRAGMENTS = 64;

/**
 * Encodes an IR stream as Anthropic SSE text; each yielded string is one or more whole frames.
 * @example
 * for await (const chunk of encodeStream(events, ctx)) res.write(chunk);
 */
export function encodeStream(events: IrStream, ctx: IngressContext): AsyncIterable<string> {
  return encodeWith(events, new AnthropicStreamEncoder(ctx));
}

type OpenBlock = { kind: 'text' | 'thinking'; id: string; index: number };

/** The per-stream state machine behind `encodeStream` (exported for tests). */
export class AnthropicStreamEncoder implements StreamEncoder {
  readonly #ctx: IngressContext;
  #started = false;
  #done = false;
  #nextIndex = 0;
  #open: OpenBlock | undefined;
  readonly #tools = new ToolCallQueue();
  #sawToolUse = false;
  #usage: Partial<IrUsage> | undefined;
  #bufferedFragments = 0;

  constructor(ctx: IngressContext) {
    this.#ctx = ctx;
  }

  /** True once `message_stop` or `error` was sent: later events are ignored. */
  get done(): boolean {
    return this.#done;
  }

  /** Nothing: `message_start` goes out with the first event (it may carry the upstream's usage). */
  begin(): string {
    return '';
  }

  /** The frames for one IR event ('' when it produces none). */
  push(ev: IrStreamEvent): string {
    if (this.#done) return '';
    let out = '';
    if (!this.#started) {
      this.#started = true;
      if (ev.type === 'start' && ev.usage) this.#usage = ev.usage;
      out += this.#messageStart(ev.type === 'start' ? ev.usage : undefined) + frame('ping');
    }
    out += this.#handle(ev);
    if (out) this.#bufferedFragments = 0;
    return out;
  }

  /** Frames for the end of input: an error when no `finish` (or `error`) came. */
  end(): string {
    if (this.#done) return '';
    this.#done = true;
    const body = { type: 'api_error', message: 'The upstream stream ended before the response was complete.' };
    return frame('error', { error: body });
  }

  #handle(ev: IrStreamEvent): string {
    switch (ev.type) {
      case 'start':
        return '';
      case 'keepalive':
        return frame('ping');
      case 'text-start':
      case 'reasoning-start':
        return this.#closeOpenUnless(ev.id);
      case 'text-delta':
        if (!ev.delta) return '';
        return this.#ensureOpen('text', ev.id) + this.#delta({ type: 'text_delta', text: ev.delta });
      case 'text-end':
        return this.#open?.kind === 'text' && this.#open.id === ev.id ? this.#closeOpen() : '';
      case 'reasoning-delta':
        if (!ev.delta) return '';
        return this.#ensureOpen('thinking', ev.id) + this.#delta({ type: 'thinking_delta', thinking: ev.delta });
      case 'reasoning-end':
        return this.#reasoningEnd(ev);
      case 'tool-call-start':
        this.#tools.start(ev.id, ev.name, ev.toolKind);
        return this.#closeOpen();
      case 'tool-call-delta':
        if (!this.#tools.append(ev.id, ev.delta)) return '';
        return ++this.#bufferedFragments % PING_EVERY_FRAGMENTS === 0 ? frame('ping') : '';
      case 'tool-call-end':
        this.#tools.end(ev.id);
        return this.#tools.take().map((c) => this.#toolUse(c)).join('');
      case 'opaque':
        return this.#opaque(ev.dialect, ev.value);
      case 'usage':
        this.#usage = ev.usage;
        return '';
      case 'finish':
        return this.#finish(ev);
      case 'error':
        return this.#error(ev.error);
    }
  }

  #messageStart(usage: Partial<IrUsage> | undefined): string {
    const u = toAnthropicUsage(usage);
    return frame('message_start', {
      message: {
        id: this.#ctx.responseId,
        type: 'message',
        role: 'assistant',
        model: this.#ctx.requestedModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: u.input_tokens,
          cache_creation_input_tokens: u.cache_creation_input_tokens,
          cache_read_input_tokens: u.cache_read_input_tokens,
          output_tokens: usage?.outputTokens ?? 1,
        },
      },
    });
  }

  #startBlock(contentBlock: Record<string, unknown>): { index: number; out: string } {
    const index = this.#nextIndex++;
    return { index, out: frame('content_block_start', { index, content_block: contentBlock }) };
  }

  #ensureOpen(kind: OpenBlock['kind'], id: string): string {
    if (this.#open?.kind === kind && this.#open.id === id) return '';
    let out = this.#closeOpen();
    const started = this.#startBlock(kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' });
    this.#open = { kind, id, index: started.index };
    out += started.out;
    return out;
  }

  #delta(delta: Record<string, unknown>): string {
    return frame('content_block_delta', { index: this.#open!.index, delta });
  }

  #closeOpenUnless(id: string): string {
    return this.#open && this.#open.id !== id ? this.#closeOpen() : '';
  }

  /** Closes the open text or thinking block. A thinking block needs a signature_delta first. */
  #closeOpen(signature = ''): string {
    const open = this.#open;
    if (!open) return '';
    this.#open = undefined;
    const sig = open.kind === 'thinking' ? frame('content_block_delta', { index: open.index, delta: { type: 'signature_delta', signature } }) : '';
    return sig + frame('content_block_stop', { index: open.index });
  }

  #reasoningEnd(ev: Extract<IrStreamEvent, { type: 'reasoning-end' }>): string {
    const mine = this.#open?.kind === 'thinking' && this.#open.id === ev.id;
    let out = mine ? this.#closeOpen(ev.signature ?? '') : '';
    if (ev.redactedData) {
      out += this.#closeOpen();
      const b = this.#startBlock({ type: 'redacted_thinking', data: ev.redactedData });
      return out + b.out + frame('content_block_stop', { index: b.index });
    }
    // Signed thinking with no visible text (Anthropic's omitted display) is still a block to echo.
    if (!mine && ev.signature) out += this.#ensureOpen('thinking', ev.id) + this.#closeOpen(ev.signature);
    return out;
  }

  #toolUse(call: BufferedToolCall): string {
    this.#sawToolUse = true;
    const b = this.#startBlock({ type: 'tool_use', id: call.id, name: call.name, input: {} });
    let out = b.out;
    for (const chunk of chunks(toolInputJson(call.arguments, call.toolKind), JSON_CHUNK)) {
      out += frame('content_block_delta', { index: b.index, delta: { type: 'input_json_delta', partial_json: chunk } });
    }
    return out + frame('content_block_stop', { index: b.index });
  }

  /** Anthropic-only blocks (server tool use and results) relayed to an Anthropic client. */
  #opaque(dialect: string, value: unknown): string {
    if (dialect !== DIALECT || !isBlock(value)) return '';
    let out = this.#closeOpen();
    const { input, ...rest } = value;
    const hasInput = input !== undefined && typeof input === 'object' && input !== null;
    const b = this.#startBlock(hasInput ? { ...rest, input: {} } : value);
    out += b.out;
    if (hasInput) out += frame('content_block_delta', { index: b.index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) } });
    return out + frame('content_block_stop', { index: b.index });
  }

  #finish(ev: Extract<IrStreamEvent, { type: 'finish' }>): string {
    let out = this.#closeOpen();
    out += this.#tools.take(true).map((c) => this.#toolUse(c)).join('');
    const u = toAnthropicUsage(ev.usage ?? this.#usage);
    const stopReason = toAnthropicStopReason(ev.reason, this.#sawToolUse);
    out += frame('message_delta', {
      delta: { stop_reason: stopReason, stop_sequence: stopReason === 'stop_sequence' ? (ev.stopSequence ?? null) : null },
      usage: {
        output_tokens: u.output_tokens,
        input_tokens: u.input_tokens,
        cache_read_input_tokens: u.cache_read_input_tokens,
        cache_creation_input_tokens: u.cache_creation_input_tokens,
      },
    });
    this.#done = true;
    return out + frame('message_stop');
  }

  #error(err: LynkrError): string {
    this.#done = true;
    const { type } = anthropicErrorType(err);
    return frame('error', { error: { type, message: anthropicErrorMessage(err) } });
  }
}

/** Splits text into pieces of at most `size` UTF-16 units without cutting a surrogate pair. */
function* chunks(text: string, size: number): Generator<string> {
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + size);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    yield text.slice(i, end);
    i = end;
  }
}
