/**
 * @module dialects/openai-chat/encode-stream
 * IR stream → Chat Completions SSE text (ingress, wire-contract §3.5):
 * - the first chunk carries `delta: {role:'assistant', content:''}`;
 * - text → `delta.content`, reasoning → `delta.reasoning_content`;
 * - each tool call gets its own `index` (0, 1, 2… in order of appearance): the first
 *   fragment carries id, type, name and empty arguments, later ones only arguments;
 * - `finish` → a chunk with `finish_reason` and an empty delta, then (with
 *   `stream_options.include_usage`) a `choices: []` chunk with `usage`, then `[DONE]`;
 * - `error` → `data: {"error":{…}}` and the stream stops WITHOUT `[DONE]` (§4);
 * - `keepalive` → an SSE comment; input that ends without finish or error → error chunk.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
import { LynkrError } from '../../ir/errors.js';
import type { IrStream, IrStreamEvent, IrUsage } from '../../ir/types.js';
import { encodeWith } from '../shared/encode-with.js';
import { openaiErrorTypeAndCode } from '../openai-shared/encode-openai-error.js';
import type { IngressContext, StreamEncoder } from '../types.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';

const DONE = 'data: [DONE]\n\n';
const KEEPALIVE = ': keepalive\n\n';
/** A custom call's raw input streams inside `{"input":"…"}`, escaped piece by piece. */
const CUSTOM_PREFIX = '{"input":"';
const CUSTOM_SUFFIX = '"}';

interface ToolSlot {
  index: number;
  custom: boolean;
}

/** The per-stream state machine behind `encodeChatStream`: one IR event in, SSE text out. */
export class ChatStreamEncoder implements StreamEncoder {
  readonly #base: Record<string, unknown>;
  readonly #head: string;
  readonly #openTail: string;
  readonly #includeUsage: boolean;
  readonly #tools = new Map<string, ToolSlot>();
  #opened = false;
  #usage: IrUsage | undefined;
  #done = false;

  constructor(ctx: IngressContext) {
    this.#base = { id: ctx.responseId, object: 'chat.completion.chunk', created: ctx.createdAt, model: ctx.requestedModel };
    // Every delta chunk is the same JSON around its delta: serialise the rest once per stream
    // (the same bytes JSON.stringify gives for the whole chunk; the encoder tests compare them).
    this.#head = `data: ${JSON.stringify(this.#base).slice(0, -1)},"choices":[{"index":0,"delta":`;
    this.#openTail = tail(null);
    this.#includeUsage = ctx.request.extensions['openai-chat']?.include_usage === true;
  }

  get done(): boolean {
    return this.#done;
  }

  begin(): string {
    return '';
  }

  push(ev: IrStreamEvent): string {
    if (this.#done) return '';
    switch (ev.type) {
      case 'start':
        return this.#opening();
      case 'text-delta':
        return this.#opening() + this.#delta({ content: ev.delta });
      case 'reasoning-delta':
        return this.#opening() + this.#delta({ reasoning_content: ev.delta });
      case 'tool-call-start': {
        const slot: ToolSlot = { index: this.#tools.size, custom: ev.toolKind === 'custom' };
        this.#tools.set(ev.id, slot);
        const header = this.#delta({
          tool_calls: [{ index: slot.index, id: ev.id, type: 'function', function: { name: ev.name, arguments: '' } }],
        });
        return this.#opening() + header + (slot.custom ? this.#toolArgs(slot.index, CUSTOM_PREFIX) : '');
      }
      case 'tool-call-delta': {
        const slot = this.#tools.get(ev.id);
        if (!slot || ev.delta.length === 0) return '';
        return this.#toolArgs(slot.index, slot.custom ? JSON.stringify(ev.delta).slice(1, -1) : ev.delta);
      }
      case 'tool-call-end': {
        const slot = this.#tools.get(ev.id);
        return slot?.custom ? this.#toolArgs(slot.index, CUSTOM_SUFFIX) : '';
      }
      case 'usage':
        this.#usage = ev.usage;
        return '';
      case 'finish': {
        this.#done = true;
        let out = this.#opening() + this.#delta({}, encodeFinishReason(ev.reason, this.#tools.size > 0));
        if (this.#includeUsage) out += frame({ ...this.#base, choices: [], usage: encodeUsage(ev.usage ?? this.#usage) });
        return out + DONE;
      }
      case 'error':
        this.#done = true;
        return errorFrame(ev.error);
      case 'keepalive':
        return KEEPALIVE;
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-end':
      case 'opaque':
        return '';
    }
  }

  end(): string {
    if (this.#done) return '';
    this.#done = true;
    return errorFrame(new LynkrError('upstream_error', 'The upstream stream ended before the response was complete'));
  }

  #opening(): string {
    if (this.#opened) return '';
    this.#opened = true;
    return this.#delta({ role: 'assistant', content: '' });
  }

  #delta(d: Record<string, unknown>, finishReason: string | null = null): string {
    return this.#head + JSON.stringify(d) + (finishReason === null ? this.#openTail : tail(finishReason));
  }

  #toolArgs(index: number, args: string): string {
    return this.#delta({ tool_calls: [{ index, function: { arguments: args } }] });
  }
}

export function encodeChatStream(events: IrStream, ctx: IngressContext): AsyncIterable<string> {
  return encodeWith(events, new ChatStreamEncoder(ctx));
}

const frame = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;
const tail = (finishReason: string | null) => `,"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]}\n\n`;

function errorFrame(err: LynkrError): string {
  const { type, code } = openaiErrorTypeAndCode(err.code);
  return `data: ${JSON.stringify({ error: { message: err.message, type, code } })}\n\n`;
}
