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
import type { IrStream, IrUsage } from '../../ir/types.js';
import { openaiErrorTypeAndCode } from '../openai-shared/encode-openai-error.js';
import type { IngressContext } from '../types.js';
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

export async function* encodeChatStream(events: IrStream, ctx: IngressContext): AsyncIterable<string> {
  const base = { id: ctx.responseId, object: 'chat.completion.chunk', created: ctx.createdAt, model: ctx.requestedModel };
  const frame = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;
  // Every delta chunk is the same JSON around its delta: serialise the rest once per stream
  // (the same bytes JSON.stringify gives for the whole chunk; the encoder tests compare them).
  const head = `data: ${JSON.stringify(base).slice(0, -1)},"choices":[{"index":0,"delta":`;
  const tail = (finishReason: string | null) => `,"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]}\n\n`;
  const openTail = tail(null);
  const delta = (d: Record<string, unknown>, finishReason: string | null = null) =>
    head + JSON.stringify(d) + (finishReason === null ? openTail : tail(finishReason));
  const toolArgs = (index: number, args: string) => delta({ tool_calls: [{ index, function: { arguments: args } }] });
  const includeUsage = ctx.request.extensions['openai-chat']?.include_usage === true;

  let opened = false;
  const opening = (): string => {
    if (opened) return '';
    opened = true;
    return delta({ role: 'assistant', content: '' });
  };
  const tools = new Map<string, ToolSlot>();
  let usage: IrUsage | undefined;

  for await (const ev of events) {
    switch (ev.type) {
      case 'start':
        if (!opened) yield opening();
        break;
      case 'text-delta':
        yield opening() + delta({ content: ev.delta });
        break;
      case 'reasoning-delta':
        yield opening() + delta({ reasoning_content: ev.delta });
        break;
      case 'tool-call-start': {
        const slot: ToolSlot = { index: tools.size, custom: ev.toolKind === 'custom' };
        tools.set(ev.id, slot);
        const header = delta({
          tool_calls: [{ index: slot.index, id: ev.id, type: 'function', function: { name: ev.name, arguments: '' } }],
        });
        yield opening() + header + (slot.custom ? toolArgs(slot.index, CUSTOM_PREFIX) : '');
        break;
      }
      case 'tool-call-delta': {
        const slot = tools.get(ev.id);
        if (!slot || ev.delta.length === 0) break;
        yield toolArgs(slot.index, slot.custom ? JSON.stringify(ev.delta).slice(1, -1) : ev.delta);
        break;
      }
      case 'tool-call-end': {
        const slot = tools.get(ev.id);
        if (slot?.custom) yield toolArgs(slot.index, CUSTOM_SUFFIX);
        break;
      }
      case 'usage':
        usage = ev.usage;
        break;
      case 'finish': {
        let out = opening() + delta({}, encodeFinishReason(ev.reason, tools.size > 0));
        if (includeUsage) out += frame({ ...base, choices: [], usage: encodeUsage(ev.usage ?? usage) });
        yield out + DONE;
        return;
      }
      case 'error':
        yield errorFrame(ev.error);
        return;
      case 'keepalive':
        yield KEEPALIVE;
        break;
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-end':
      case 'opaque':
        break;
    }
  }
  yield errorFrame(new LynkrError('upstream_error', 'The upstream stream ended before the response was complete'));
}

function errorFrame(err: LynkrError): string {
  const { type, code } = openaiErrorTypeAndCode(err.code);
  return `data: ${JSON.stringify({ error: { message: err.message, type, code } })}\n\n`;
}
