/**
 * @module test/support/mock-upstream/render-openai-chat
 * OpenAI Chat Completions as documented in https://platform.openai.com/docs/api-reference/chat-streaming:
 * SSE `data: {chat.completion.chunk}` frames, the role in the first delta, text split over several
 * chunks, tool calls as fragments keyed by `index` (the first carries `id`, `type`, `name` and empty
 * `arguments`, later ones only argument pieces), a `finish_reason` chunk, a `choices:[]` usage chunk when
 * `stream_options.include_usage` is set (every earlier chunk then has `usage:null`), and `data: [DONE]`.
 * Reasoning goes out as `delta.reasoning_content` (DeepSeek, llama.cpp) or `delta.reasoning` (vLLM).
 *
 * Also served: Azure OpenAI's deployment and v1 routes (`/openai/deployments/{d}/chat/completions`,
 * `/openai/v1/chat/completions`; credential in `api-key`, the v1 API also takes a bearer token; streams
 * open with Azure's `prompt_filter_results` chunk whose `choices` is empty) and Databricks serving
 * endpoints (`/serving-endpoints/{name}/invocations`). With `contentParts`, `content` is an array of
 * typed parts, as Databricks' Claude-backed endpoints send it: `text`, and `reasoning` whose
 * `summary_text` ends with a `signature`.
 */
import type { DialectRenderer, MockTurn, RecordedRequest, RenderContext, StaticReply } from './types.js';
import {
  ARGUMENT_PIECES,
  MOCK_EPOCH_SECONDS,
  TEXT_PIECES,
  bearerOf,
  bodyModel,
  callId,
  digest,
  splitPieces,
  sseFrame,
} from './wire-util.js';

const SYSTEM_FINGERPRINT = 'fp_mock';

/** Chat Completions routes: OpenAI's, Azure OpenAI's (deployment and v1 GA API) and Databricks serving endpoints. */
const TURN_PATHS = [
  /^(\/v1)?\/chat\/completions$/,
  /^\/openai\/deployments\/[^/]+\/chat\/completions$/,
  /^\/openai\/v1\/chat\/completions$/,
  /^\/serving-endpoints\/[^/]+\/invocations$/,
];

/** Azure OpenAI takes its key in `api-key` (the v1 API also as a bearer token); everyone else a bearer token. */
export function credentialFor(req: RecordedRequest): string | undefined {
  if (req.path.startsWith('/openai/v1/')) return req.headers['api-key'] ?? bearerOf(req.headers);
  if (req.path.startsWith('/openai/')) return req.headers['api-key'];
  return bearerOf(req.headers);
}

/** Azure's first stream chunk: the prompt's content-filter verdict, with no choices and empty ids. */
const AZURE_PROMPT_FILTER_CHUNK = {
  choices: [],
  created: 0,
  id: '',
  model: '',
  object: '',
  prompt_filter_results: [
    {
      prompt_index: 0,
      content_filter_results: Object.fromEntries(['hate', 'self_harm', 'sexual', 'violence'].map((k) => [k, { filtered: false, severity: 'safe' }])),
    },
  ],
};

/** Databricks Claude endpoints: text and reasoning as typed content parts. */
function textParts(text: string): unknown[] {
  return [{ type: 'text', text }];
}
function reasoningParts(text: string, signature?: string): unknown[] {
  return [{ type: 'reasoning', summary: [{ type: 'summary_text', text, ...(signature !== undefined ? { signature } : {}) }] }];
}

function finishReason(turn: MockTurn): 'stop' | 'length' | 'tool_calls' {
  if (turn.finish === 'length') return 'length';
  return turn.toolCalls?.length ? 'tool_calls' : 'stop';
}

function usageOf(ctx: RenderContext): Record<string, unknown> {
  return {
    prompt_tokens: ctx.usage.input,
    completion_tokens: ctx.usage.output,
    total_tokens: ctx.usage.input + ctx.usage.output,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function completionId(ctx: RenderContext): string {
  return `chatcmpl-mock${ctx.turn}${digest(ctx.request.rawBody, 8)}`;
}

function openAiError(status: number, message: string, type: string, code: string | null): StaticReply {
  return { status, body: { error: { message, type, param: null, code } } };
}

export const openAiChatRenderer: DialectRenderer = {
  isTurnRoute: (method, path) => method === 'POST' && TURN_PATHS.some((route) => route.test(path)),
  streamByDefault: false,
  streamContentType: 'text/event-stream; charset=utf-8',
  modelOf: bodyModel,
  modelKnown: (requested, known) => known.includes(requested),
  credentialOf: credentialFor,

  handleOther(req, options): StaticReply | undefined {
    if (req.method === 'GET' && (req.path === '/v1/models' || req.path === '/models')) {
      const ids = options.models?.length ? options.models : ['gpt-4o-mini'];
      return {
        status: 200,
        body: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: MOCK_EPOCH_SECONDS, owned_by: 'mock' })) },
      };
    }
    return undefined;
  },

  renderJson(turn, ctx) {
    const message: Record<string, unknown> = {
      role: 'assistant',
      content: turn.text ?? (turn.toolCalls?.length ? null : ''),
      refusal: null,
      annotations: [],
    };
    if (turn.reasoning) message[ctx.options.reasoningField ?? 'reasoning_content'] = turn.reasoning;
    if (ctx.options.contentParts) {
      delete message[ctx.options.reasoningField ?? 'reasoning_content'];
      const parts = [...(turn.reasoning ? reasoningParts(turn.reasoning, digest(turn.reasoning)) : []), ...(turn.text ? textParts(turn.text) : [])];
      message.content = parts.length > 0 ? parts : message.content;
    }
    if (turn.toolCalls?.length) {
      message.tool_calls = turn.toolCalls.map((call, i) => ({
        id: callId(call, 'call_', ctx.turn, i),
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      }));
    }
    return {
      id: completionId(ctx),
      object: 'chat.completion',
      created: MOCK_EPOCH_SECONDS,
      model: ctx.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(turn) }],
      usage: usageOf(ctx),
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
    };
  },

  renderStream(turn, ctx) {
    const body = (ctx.request.body ?? {}) as { stream_options?: { include_usage?: boolean } };
    const includeUsage = body.stream_options?.include_usage === true;
    const id = completionId(ctx);
    const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
      sseFrame({
        id,
        object: 'chat.completion.chunk',
        created: MOCK_EPOCH_SECONDS,
        model: ctx.model,
        system_fingerprint: SYSTEM_FINGERPRINT,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...(includeUsage ? { usage: null } : {}),
      });

    const parts = ctx.options.contentParts === true;
    const frames = ctx.request.path.startsWith('/openai/') ? [sseFrame(AZURE_PROMPT_FILTER_CHUNK)] : [];
    frames.push(chunk(parts ? { role: 'assistant' } : { role: 'assistant', content: '', refusal: null }));
    const reasoningField = ctx.options.reasoningField ?? 'reasoning_content';
    for (const piece of splitPieces(turn.reasoning ?? '', TEXT_PIECES)) {
      frames.push(chunk(parts ? { content: reasoningParts(piece) } : { [reasoningField]: piece }));
    }
    if (parts && turn.reasoning) frames.push(chunk({ content: reasoningParts('', digest(turn.reasoning)) }));
    for (const piece of splitPieces(turn.text ?? '', TEXT_PIECES)) frames.push(chunk({ content: parts ? textParts(piece) : piece }));
    (turn.toolCalls ?? []).forEach((call, index) => {
      const id = callId(call, 'call_', ctx.turn, index);
      frames.push(chunk({ tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }] }));
      for (const piece of splitPieces(JSON.stringify(call.arguments), ARGUMENT_PIECES)) {
        frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
    });
    frames.push(chunk({}, finishReason(turn)));
    if (includeUsage) {
      frames.push(
        sseFrame({
          id,
          object: 'chat.completion.chunk',
          created: MOCK_EPOCH_SECONDS,
          model: ctx.model,
          system_fingerprint: SYSTEM_FINGERPRINT,
          choices: [],
          usage: usageOf(ctx),
        }),
      );
    }
    frames.push(sseFrame('[DONE]'));
    return frames;
  },

  renderStreamError(error) {
    // OpenAI-compatible servers (vLLM, LiteLLM, OpenAI itself) send an `error` object as a data frame.
    return sseFrame({ error: { message: error.message, type: error.type ?? 'server_error', param: null, code: null } });
  },

  errorReply(kind, detail) {
    switch (kind) {
      case 'model_not_found':
        return openAiError(404, `The model \`${detail}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
      case 'unauthorized':
        return openAiError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      case 'invalid_json':
        return openAiError(400, `We could not parse the JSON body of your request. (${detail})`, 'invalid_request_error', null);
      case 'no_route':
        return openAiError(404, `Invalid URL (${detail})`, 'invalid_request_error', null);
      case 'script_failed':
        return openAiError(500, detail, 'server_error', null);
    }
  },
};
