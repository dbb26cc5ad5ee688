/**
 * @module dialects/anthropic-messages/decode-stream
 * Anthropic Messages SSE payloads (parsed `data:` objects) → IR stream events, for Anthropic
 * and Azure Anthropic upstreams (the event order is wire-contract §3.4's). One stage with
 * typed closure state: `message_start` → start; each content block → its IR block lifecycle;
 * `message_delta` → stop reason and cumulative usage; `message_stop` → usage + one finish.
 * Server-tool blocks (`server_tool_use`, `web_search_tool_result`, …) are accumulated and
 * emitted whole as `opaque` events for an Anthropic client.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import { LynkrError } from '../../ir/errors.js';
import type { IrStream, IrStreamEvent } from '../../ir/types.js';
import { errorFromAnthropic } from './decode-error.js';
import { fromAnthropicStopReason } from './map-stop-reason.js';
import { fromAnthropicUsage, mergeAnthropicUsage, partialUsage, type AnthropicUsageSeen } from './usage.js';
import { DIALECT, isBlock, isRecord, type AnthropicBlock } from './wire-types.js';

type OpenBlock =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string; signature: string }
  | { kind: 'redacted'; id: string; data: string }
  | { kind: 'tool'; id: string; sawDelta: boolean; startInput: unknown }
  | { kind: 'opaque'; block: AnthropicBlock; json: string };

/**
 * Decodes an Anthropic stream. Ends with exactly one `finish`, or an `error` when the upstream
 * sends `event: error` or the stream stops before any `message_delta` (a truncated stream must
 * not look like a complete answer: the client retries it).
 */
export async function* decodeStream(payloads: AsyncIterable<unknown>): IrStream {
  const blocks = new Map<number, OpenBlock>();
  let started = false;
  let usage: AnthropicUsageSeen = {};
  let stop: { reason: string | null; sequence?: string } | undefined;

  function* start(id?: string, model?: string): Generator<IrStreamEvent> {
    if (started) return;
    started = true;
    const p = partialUsage(usage);
    yield { type: 'start', ...(id ? { id } : {}), ...(model ? { model } : {}), ...(Object.keys(p).length ? { usage: p } : {}) };
  }

  function* close(index: number): Generator<IrStreamEvent> {
    const b = blocks.get(index);
    if (!b) return;
    blocks.delete(index);
    switch (b.kind) {
      case 'text':
        yield { type: 'text-end', id: b.id };
        return;
      case 'reasoning':
        yield { type: 'reasoning-end', id: b.id, ...(b.signature ? { signature: b.signature } : {}) };
        return;
      case 'redacted':
        yield { type: 'reasoning-end', id: b.id, redactedData: b.data };
        return;
      case 'tool':
        // Some Anthropic-compatible servers put the whole input in content_block_start.
        if (!b.sawDelta && isRecord(b.startInput) && Object.keys(b.startInput).length > 0) {
          yield { type: 'tool-call-delta', id: b.id, delta: JSON.stringify(b.startInput) };
        }
        yield { type: 'tool-call-end', id: b.id };
        return;
      case 'opaque': {
        const value = { ...b.block };
        if (b.json) value.input = safeParse(b.json) ?? value.input;
        yield { type: 'opaque', dialect: DIALECT, value };
        return;
      }
    }
  }

  function* finish(): Generator<IrStreamEvent> {
    yield* start();
    for (const index of [...blocks.keys()].sort((a, b) => a - b)) yield* close(index);
    const total = fromAnthropicUsage(usage);
    yield { type: 'usage', usage: total };
    const reason = fromAnthropicStopReason(stop?.reason);
    yield {
      type: 'finish',
      reason,
      ...(stop?.reason ? { rawReason: stop.reason } : {}),
      ...(reason === 'stop_sequence' && stop?.sequence ? { stopSequence: stop.sequence } : {}),
      usage: total,
    };
  }

  for await (const p of payloads) {
    if (!isRecord(p) || typeof p.type !== 'string') continue;
    switch (p.type) {
      case 'message_start': {
        const m = isRecord(p.message) ? p.message : {};
        usage = mergeAnthropicUsage(usage, m.usage);
        yield* start(typeof m.id === 'string' ? m.id : undefined, typeof m.model === 'string' ? m.model : undefined);
        break;
      }
      case 'content_block_start': {
        yield* start();
        const index = Number(p.index);
        yield* close(index); // a reused index means the previous block is over
        if (!isBlock(p.content_block)) break;
        const cb = p.content_block;
        switch (cb.type) {
          case 'text': {
            const id = `text-${index}`;
            blocks.set(index, { kind: 'text', id });
            yield { type: 'text-start', id };
            if (typeof cb.text === 'string' && cb.text) yield { type: 'text-delta', id, delta: cb.text };
            break;
          }
          case 'thinking': {
            const id = `reasoning-${index}`;
            blocks.set(index, { kind: 'reasoning', id, signature: typeof cb.signature === 'string' ? cb.signature : '' });
            yield { type: 'reasoning-start', id, provider: 'anthropic' };
            if (typeof cb.thinking === 'string' && cb.thinking) yield { type: 'reasoning-delta', id, delta: cb.thinking };
            break;
          }
          case 'redacted_thinking': {
            const id = `reasoning-${index}`;
            blocks.set(index, { kind: 'redacted', id, data: typeof cb.data === 'string' ? cb.data : '' });
            yield { type: 'reasoning-start', id, provider: 'anthropic' };
            break;
          }
          case 'tool_use': {
            const id = typeof cb.id === 'string' ? cb.id : `toolu_${index}`;
            blocks.set(index, { kind: 'tool', id, sawDelta: false, startInput: cb.input });
            yield { type: 'tool-call-start', id, name: typeof cb.name === 'string' ? cb.name : '', toolKind: 'function' };
            break;
          }
          default:
            blocks.set(index, { kind: 'opaque', block: cb, json: '' });
        }
        break;
      }
      case 'content_block_delta': {
        const b = blocks.get(Number(p.index));
        const d = isRecord(p.delta) ? p.delta : {};
        if (!b) break;
        if (d.type === 'text_delta' && b.kind === 'text' && typeof d.text === 'string' && d.text) {
          yield { type: 'text-delta', id: b.id, delta: d.text };
        } else if (d.type === 'thinking_delta' && b.kind === 'reasoning' && typeof d.thinking === 'string' && d.thinking) {
          yield { type: 'reasoning-delta', id: b.id, delta: d.thinking };
        } else if (d.type === 'signature_delta' && b.kind === 'reasoning' && typeof d.signature === 'string') {
          b.signature += d.signature;
        } else if (d.type === 'input_json_delta' && typeof d.partial_json === 'string' && d.partial_json) {
          if (b.kind === 'tool') {
            b.sawDelta = true;
            yield { type: 'tool-call-delta', id: b.id, delta: d.partial_json };
          } else if (b.kind === 'opaque') b.json += d.partial_json;
        }
        // citations_delta and future delta types carry nothing the IR can hold.
        break;
      }
      case 'content_block_stop':
        yield* close(Number(p.index));
        break;
      case 'message_delta': {
        const d = isRecord(p.delta) ? p.delta : {};
        stop = {
          reason: typeof d.stop_reason === 'string' ? d.stop_reason : null,
          ...(typeof d.stop_sequence === 'string' ? { sequence: d.stop_sequence } : {}),
        };
        usage = mergeAnthropicUsage(usage, p.usage);
        break;
      }
      case 'message_stop':
        yield* finish();
        return;
      case 'error': {
        const e = isRecord(p.error) ? p.error : {};
        yield { type: 'error', error: errorFromAnthropic({ type: e.type, message: e.message, fallback: 'Anthropic stream error' }) };
        return;
      }
      default:
        break; // ping and future event types
    }
  }
  // A missing message_stop after message_delta is tolerated (wire-contract §3.4).
  if (stop) yield* finish();
  else yield { type: 'error', error: new LynkrError('upstream_error', 'The Anthropic stream ended before the message was complete.') };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
