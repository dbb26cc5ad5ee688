/**
 * @module dialects/bedrock-converse/decode-stream
 * ConverseStream events (`{ [eventType]: payload }`, one per event-stream message, see
 * `pipeline/frames/aws-event-stream.ts`) → IR stream events (wire-contract §6.2). One stage
 * with typed closure state:
 * - `messageStart` → start;
 * - text and reasoning deltas stream live; a block is closed before the next one opens
 *   (Bedrock sends no `contentBlockStart` for text or reasoning, only deltas by index);
 *   reasoning carries its `signature` (and `redactedContent`) to `reasoning-end`, marked as
 *   Bedrock's so it goes back only to Bedrock;
 * - a tool use (`contentBlockStart.start.toolUse` + `toolUse.input` fragments) is emitted
 *   whole at its `contentBlockStop`, so blocks never interleave whatever order arrives;
 * - `messageStop.stopReason` and then `metadata.usage` → usage + exactly one finish at the
 *   end of the stream (metadata follows messageStop on the wire);
 * - exception messages (`throttlingException`, `modelStreamErrorException`, …) → an IR error;
 *   a stream that ends before `messageStop` is an error too, so a client retries it.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 */
import { LynkrError } from '../../ir/errors.js';
import type { IrStream, IrStreamEvent, IrUsage } from '../../ir/types.js';
import { errorFromStreamException } from './decode-error.js';
import { fromConverseStopReason } from './map-stop-reason.js';
import { fromConverseUsage } from './usage.js';
import { isRecord } from './wire-types.js';

/** Reasoning decoded here is Bedrock's: its signatures are valid toward Bedrock only. */
export const REASONING_PROVIDER = 'bedrock';

type OpenBlock = { index: number; kind: 'text'; id: string } | { index: number; kind: 'reasoning'; id: string; signature?: string; redacted?: string };

interface PendingTool {
  id: string;
  name: string;
  input: string;
}

const EVENTS = new Set(['messageStart', 'contentBlockStart', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata']);

export async function* decodeStream(payloads: AsyncIterable<unknown>): IrStream {
  let started = false;
  let open: OpenBlock | undefined;
  let seq = 0;
  const tools = new Map<number, PendingTool>();
  let stopReason: string | undefined;
  let stopSequence: string | undefined;
  let stopped = false;
  let usage: IrUsage | undefined;

  function* start(): Generator<IrStreamEvent> {
    if (started) return;
    started = true;
    yield { type: 'start' };
  }

  function* closeOpen(): Generator<IrStreamEvent> {
    const b = open;
    if (!b) return;
    open = undefined;
    if (b.kind === 'text') {
      yield { type: 'text-end', id: b.id };
      return;
    }
    yield {
      type: 'reasoning-end',
      id: b.id,
      ...(b.signature ? { signature: b.signature } : {}),
      ...(b.redacted ? { redactedData: b.redacted } : {}),
    };
  }

  /** The open block for `index` of `kind`, opening it (and closing another) when needed. */
  function* ensureOpen(index: number, kind: OpenBlock['kind']): Generator<IrStreamEvent, OpenBlock> {
    yield* start();
    if (open && open.index === index && open.kind === kind) return open;
    yield* closeOpen();
    const id = `${kind}-${seq++}`;
    const block: OpenBlock = { index, kind, id };
    open = block;
    yield kind === 'text' ? { type: 'text-start', id } : { type: 'reasoning-start', id, provider: REASONING_PROVIDER };
    return block;
  }

  function* emitTool(index: number): Generator<IrStreamEvent> {
    const t = tools.get(index);
    if (!t) return;
    tools.delete(index);
    yield* start();
    yield* closeOpen();
    yield { type: 'tool-call-start', id: t.id, name: t.name, toolKind: 'function' };
    yield { type: 'tool-call-delta', id: t.id, delta: t.input.trim() === '' ? '{}' : t.input };
    yield { type: 'tool-call-end', id: t.id };
  }

  for await (const payload of payloads) {
    if (!isRecord(payload)) continue;
    const [name] = Object.keys(payload);
    if (name === undefined) continue;
    const body = isRecord(payload[name]) ? (payload[name] as Record<string, unknown>) : {};
    if (!EVENTS.has(name)) {
      // Every other member of the ConverseStreamOutput union is an exception.
      if (name === 'error' || /exception$/i.test(name)) {
        yield* start();
        yield { type: 'error', error: errorFromStreamException(name, payload[name]) };
        return;
      }
      continue;
    }
    const index = typeof body.contentBlockIndex === 'number' ? body.contentBlockIndex : 0;
    switch (name) {
      case 'messageStart':
        yield* start();
        break;
      case 'contentBlockStart': {
        const toolUse = isRecord(body.start) && isRecord(body.start.toolUse) ? body.start.toolUse : undefined;
        if (!toolUse) break; // image / server-side toolResult starts carry nothing the IR holds
        yield* start();
        yield* closeOpen();
        tools.set(index, {
          id: typeof toolUse.toolUseId === 'string' ? toolUse.toolUseId : `tooluse_${index}`,
          name: typeof toolUse.name === 'string' ? toolUse.name : '',
          input: '',
        });
        break;
      }
      case 'contentBlockDelta': {
        const delta = isRecord(body.delta) ? body.delta : {};
        if (typeof delta.text === 'string') {
          if (delta.text === '') break;
          const block = yield* ensureOpen(index, 'text');
          yield { type: 'text-delta', id: block.id, delta: delta.text };
        } else if (isRecord(delta.toolUse)) {
          const tool = tools.get(index) ?? { id: `tooluse_${index}`, name: '', input: '' };
          tools.set(index, tool);
          if (typeof delta.toolUse.input === 'string') tool.input += delta.toolUse.input;
        } else if (isRecord(delta.reasoningContent)) {
          const r = delta.reasoningContent;
          const block = yield* ensureOpen(index, 'reasoning');
          if (block.kind !== 'reasoning') break;
          if (typeof r.text === 'string' && r.text !== '') yield { type: 'reasoning-delta', id: block.id, delta: r.text };
          if (typeof r.signature === 'string') block.signature = (block.signature ?? '') + r.signature;
          if (typeof r.redactedContent === 'string') block.redacted = (block.redacted ?? '') + r.redactedContent;
        }
        // citation, image and toolResult deltas carry nothing the IR holds.
        break;
      }
      case 'contentBlockStop':
        if (tools.has(index)) yield* emitTool(index);
        else if (open?.index === index) yield* closeOpen();
        break;
      case 'messageStop':
        stopped = true;
        stopReason = typeof body.stopReason === 'string' ? body.stopReason : undefined;
        // Claude reports the matched sequence in its own response fields.
        if (isRecord(body.additionalModelResponseFields) && typeof body.additionalModelResponseFields.stop_sequence === 'string') {
          stopSequence = body.additionalModelResponseFields.stop_sequence;
        }
        break;
      case 'metadata':
        usage = fromConverseUsage(body.usage) ?? usage;
        break;
    }
  }

  if (!stopped) {
    yield* start();
    yield { type: 'error', error: new LynkrError('upstream_error', 'The Bedrock stream ended before the message was complete.') };
    return;
  }
  yield* start();
  yield* closeOpen();
  for (const index of [...tools.keys()].sort((a, b) => a - b)) yield* emitTool(index);
  if (usage) yield { type: 'usage', usage };
  const reason = fromConverseStopReason(stopReason);
  yield {
    type: 'finish',
    reason,
    ...(stopReason ? { rawReason: stopReason } : {}),
    ...(reason === 'stop_sequence' && stopSequence ? { stopSequence } : {}),
    ...(usage ? { usage } : {}),
  };
}
