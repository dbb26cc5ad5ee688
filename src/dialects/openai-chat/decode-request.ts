/**
 * @module dialects/openai-chat/decode-request
 * A Chat Completions request body → `IrRequest` (ingress for Cursor, Continue, any OpenAI
 * SDK; wire-contract §2.3). Malformed fields throw `invalid_request` naming the `param`;
 * unknown fields are ignored. Chat-only fields with no IR meaning travel in
 * `extensions['openai-chat']` (`include_usage` always, the rest when present).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import { invalidRequest } from '../../ir/errors.js';
import type { IrReasoningConfig, IrRequest, IrResponseFormat } from '../../ir/types.js';
import { isRecord } from '../shared/guards.js';
import { decodeMessages } from './decode-messages.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';

/** Chat fields kept verbatim in `extensions['openai-chat']` when the client sent them. */
const PASSTHROUGH_FIELDS = [
  'seed',
  'logprobs',
  'top_logprobs',
  'frequency_penalty',
  'presence_penalty',
  'logit_bias',
  'metadata',
  'store',
  'service_tier',
  'prediction',
  'modalities',
  'audio',
  'web_search_options',
  'verbosity',
  'prompt_cache_key',
  'safety_identifier',
] as const;

const EFFORTS = new Set(['minimal', 'low', 'medium', 'high', 'xhigh']);

export function decodeChatRequest(body: unknown): IrRequest {
  if (!isRecord(body)) throw invalidRequest('Request body must be a JSON object');
  if (typeof body.model !== 'string' || body.model.length === 0) {
    throw invalidRequest('model is required and must be a non-empty string', 'model');
  }
  if (!Array.isArray(body.messages)) throw invalidRequest('messages must be an array', 'messages');
  const n = optionalNumber(body, 'n');
  if (n !== undefined && n !== 1) throw invalidRequest('Only n=1 is supported', 'n');

  const { system, messages } = decodeMessages(body.messages);
  const req: IrRequest = {
    model: body.model,
    system,
    messages,
    tools: decodeTools(body),
    stream: optionalBoolean(body, 'stream') ?? false,
    extensions: { 'openai-chat': chatExtensions(body) },
  };
  const toolChoice = decodeToolChoice(body);
  if (toolChoice) req.toolChoice = toolChoice;
  const parallel = optionalBoolean(body, 'parallel_tool_calls');
  if (parallel !== undefined) req.parallelToolCalls = parallel;
  const maxTokens = optionalNumber(body, 'max_completion_tokens') ?? optionalNumber(body, 'max_tokens');
  if (maxTokens !== undefined) {
    if (!Number.isInteger(maxTokens) || maxTokens < 1) {
      const param = body.max_completion_tokens !== undefined && body.max_completion_tokens !== null ? 'max_completion_tokens' : 'max_tokens';
      throw invalidRequest(`${param} must be a positive integer`, param);
    }
    req.maxOutputTokens = maxTokens;
  }
  const temperature = optionalNumber(body, 'temperature');
  if (temperature !== undefined) req.temperature = temperature;
  const topP = optionalNumber(body, 'top_p');
  if (topP !== undefined) req.topP = topP;
  const topK = optionalNumber(body, 'top_k'); // not OpenAI, but sent by clients of local servers
  if (topK !== undefined) req.topK = topK;
  const stop = decodeStop(body.stop);
  if (stop) req.stop = stop;
  const responseFormat = decodeResponseFormat(body.response_format);
  if (responseFormat) req.responseFormat = responseFormat;
  const reasoning = decodeReasoningEffort(body.reasoning_effort);
  if (reasoning) req.reasoning = reasoning;
  if (typeof body.user === 'string' && body.user.length > 0) req.user = body.user;
  return req;
}

function chatExtensions(body: Record<string, unknown>): Record<string, unknown> {
  const ext: Record<string, unknown> = {
    include_usage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
  };
  for (const field of PASSTHROUGH_FIELDS) if (body[field] !== undefined && body[field] !== null) ext[field] = body[field];
  return ext;
}

function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidRequest(`${key} must be a number`, key);
  return v;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidRequest(`${key} must be a boolean`, key);
  return v;
}

function decodeStop(stop: unknown): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop) && stop.every((s) => typeof s === 'string')) return stop.length > 0 ? stop : undefined;
  throw invalidRequest('stop must be a string or an array of strings', 'stop');
}

function decodeResponseFormat(raw: unknown): IrResponseFormat | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) throw invalidRequest('response_format must be an object', 'response_format');
  switch (raw.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const js = raw.json_schema;
      if (!isRecord(js) || !isRecord(js.schema)) {
        throw invalidRequest('response_format.json_schema.schema is required', 'response_format.json_schema');
      }
      const format: IrResponseFormat = { type: 'json_schema', schema: js.schema };
      if (typeof js.name === 'string') format.name = js.name;
      if (typeof js.strict === 'boolean') format.strict = js.strict;
      if (typeof js.description === 'string') format.description = js.description;
      return format;
    }
    default:
      throw invalidRequest('response_format.type must be text, json_object or json_schema', 'response_format.type');
  }
}

/** `reasoning_effort`: `none` turns thinking off; the other levels map one to one. */
function decodeReasoningEffort(raw: unknown): IrReasoningConfig | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === 'none') return { enabled: false };
  if (typeof raw === 'string' && EFFORTS.has(raw)) return { effort: raw as IrReasoningConfig['effort'] };
  throw invalidRequest('reasoning_effort must be one of none, minimal, low, medium, high, xhigh', 'reasoning_effort');
}
