/**
 * @module test/support/mock-upstream/render-anthropic
 * Anthropic Messages as documented in https://docs.claude.com/en/docs/build-with-claude/streaming and
 * https://docs.claude.com/en/api/errors: SSE with `event:` lines — `message_start`, then per content block
 * `content_block_start` / `content_block_delta` / `content_block_stop` (thinking: `thinking_delta` then
 * `signature_delta`; text: `text_delta`; tool_use: `input_json_delta` fragments starting with an empty
 * one), a `ping` after the first block starts, `message_delta {stop_reason, usage}` and `message_stop`.
 * Errors are `{"type":"error","error":{"type","message"},"request_id"}`; in-stream ones are `event: error`.
 */
import type { DialectRenderer, MockTurn, RenderContext, StaticReply } from './types.js';
import {
  ARGUMENT_PIECES,
  MOCK_EPOCH_ISO,
  TEXT_PIECES,
  bearerOf,
  bodyModel,
  callId,
  digest,
  estimateTokens,
  splitPieces,
  sseFrame,
} from './wire-util.js';

type Block =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

function stopReason(turn: MockTurn): 'end_turn' | 'max_tokens' | 'tool_use' {
  if (turn.finish === 'length') return 'max_tokens';
  return turn.toolCalls?.length ? 'tool_use' : 'end_turn';
}

/** Content blocks in the order Anthropic emits them: thinking, text, tool_use. */
function blocksOf(turn: MockTurn, ctx: RenderContext): Block[] {
  const blocks: Block[] = [];
  if (turn.reasoning) blocks.push({ type: 'thinking', thinking: turn.reasoning, signature: `sig_${digest(turn.reasoning, 40)}` });
  if (turn.text) blocks.push({ type: 'text', text: turn.text });
  (turn.toolCalls ?? []).forEach((call, i) => {
    blocks.push({ type: 'tool_use', id: callId(call, 'toolu_mock_', ctx.turn, i), name: call.name, input: call.arguments });
  });
  return blocks;
}

function messageId(ctx: RenderContext): string {
  return `msg_mock${ctx.turn}_${digest(ctx.request.rawBody, 12)}`;
}

function usageOf(ctx: RenderContext, output: number): Record<string, unknown> {
  return { input_tokens: ctx.usage.input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: output };
}

function anthropicError(status: number, type: string, message: string): StaticReply {
  return { status, body: { type: 'error', error: { type, message }, request_id: `req_mock_${digest(message, 12)}` } };
}

function blockFrames(block: Block, index: number): string[] {
  const delta = (d: Record<string, unknown>): string => sseFrame({ type: 'content_block_delta', index, delta: d }, 'content_block_delta');
  const start = (content_block: Record<string, unknown>): string =>
    sseFrame({ type: 'content_block_start', index, content_block }, 'content_block_start');
  const frames: string[] = [];
  switch (block.type) {
    case 'thinking':
      frames.push(start({ type: 'thinking', thinking: '', signature: '' }));
      for (const piece of splitPieces(block.thinking, TEXT_PIECES)) frames.push(delta({ type: 'thinking_delta', thinking: piece }));
      frames.push(delta({ type: 'signature_delta', signature: block.signature }));
      break;
    case 'text':
      frames.push(start({ type: 'text', text: '' }));
      for (const piece of splitPieces(block.text, TEXT_PIECES)) frames.push(delta({ type: 'text_delta', text: piece }));
      break;
    case 'tool_use':
      // Claude Code ignores a populated `input` here; the input arrives only through input_json_delta.
      frames.push(start({ type: 'tool_use', id: block.id, name: block.name, input: {} }));
      frames.push(delta({ type: 'input_json_delta', partial_json: '' }));
      for (const piece of splitPieces(JSON.stringify(block.input), ARGUMENT_PIECES)) {
        frames.push(delta({ type: 'input_json_delta', partial_json: piece }));
      }
      break;
  }
  frames.push(sseFrame({ type: 'content_block_stop', index }, 'content_block_stop'));
  return frames;
}

export const anthropicRenderer: DialectRenderer = {
  // Azure AI Foundry serves Claude at `https://<resource>.services.ai.azure.com/anthropic/v1/messages`.
  isTurnRoute: (method, path) => method === 'POST' && (path === '/v1/messages' || path === '/anthropic/v1/messages'),
  streamByDefault: false,
  streamContentType: 'text/event-stream; charset=utf-8',
  modelOf: bodyModel,
  modelKnown: (requested, known) => known.includes(requested),
  credentialOf: (req) => req.headers['x-api-key'] ?? bearerOf(req.headers),

  handleOther(req, options): StaticReply | undefined {
    switch (`${req.method} ${req.path}`) {
      case 'HEAD /':
      case 'GET /':
        // Claude Code probes `HEAD /` once at start-up (wire-contract §1.2).
        return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'OK' };
      case 'POST /v1/messages/count_tokens': {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const model = bodyModel(body);
        if (options.models && !options.models.includes(model)) return anthropicRenderer.errorReply('model_not_found', model);
        const counted = JSON.stringify([body.system ?? '', body.messages ?? [], body.tools ?? []]);
        return { status: 200, body: { input_tokens: estimateTokens(counted) } };
      }
      case 'GET /v1/models': {
        const ids = options.models?.length ? options.models : ['claude-sonnet-4-5'];
        return {
          status: 200,
          body: {
            data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: MOCK_EPOCH_ISO })),
            has_more: false,
            first_id: ids[0],
            last_id: ids[ids.length - 1],
          },
        };
      }
      default:
        return undefined;
    }
  },

  renderJson(turn, ctx) {
    return {
      id: messageId(ctx),
      type: 'message',
      role: 'assistant',
      model: ctx.model,
      content: blocksOf(turn, ctx),
      stop_reason: stopReason(turn),
      stop_sequence: null,
      usage: { ...usageOf(ctx, ctx.usage.output), service_tier: 'standard' },
    };
  },

  renderStream(turn, ctx) {
    const frames = [
      sseFrame(
        {
          type: 'message_start',
          message: {
            id: messageId(ctx),
            type: 'message',
            role: 'assistant',
            model: ctx.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: usageOf(ctx, 1),
          },
        },
        'message_start',
      ),
    ];
    const blocks = blocksOf(turn, ctx);
    blocks.forEach((block, index) => {
      const [start, ...rest] = blockFrames(block, index);
      frames.push(start);
      if (index === 0) frames.push(sseFrame({ type: 'ping' }, 'ping'));
      frames.push(...rest);
    });
    if (blocks.length === 0) frames.push(sseFrame({ type: 'ping' }, 'ping'));
    frames.push(
      sseFrame(
        { type: 'message_delta', delta: { stop_reason: stopReason(turn), stop_sequence: null }, usage: usageOf(ctx, ctx.usage.output) },
        'message_delta',
      ),
      sseFrame({ type: 'message_stop' }, 'message_stop'),
    );
    return frames;
  },

  renderStreamError(error) {
    return sseFrame({ type: 'error', error: { type: error.type ?? 'overloaded_error', message: error.message } }, 'error');
  },

  errorReply(kind, detail) {
    switch (kind) {
      case 'model_not_found':
        return anthropicError(404, 'not_found_error', `model: ${detail}`);
      case 'unauthorized':
        return anthropicError(401, 'authentication_error', 'invalid x-api-key');
      case 'invalid_json':
        return anthropicError(400, 'invalid_request_error', `There was an error parsing the body: ${detail}`);
      case 'no_route':
        return anthropicError(404, 'not_found_error', 'Not Found');
      case 'script_failed':
        return anthropicError(500, 'api_error', detail);
    }
  },
};
