/**
 * @module dialects/openai-responses/decode-request
 * Decodes a `POST /v1/responses` body into an IrRequest (wire-contract §2.1). Codex 0.169.0
 * sends no `instructions`, puts its base prompt in developer messages and always streams;
 * other clients send `input` as a plain string. Unknown top-level keys are ignored, never
 * answered with 400. Fields with no IR meaning (`store`, `include`, `prompt_cache_key`,
 * `client_metadata`, …) travel in `extensions['openai-responses']` for the Responses
 * encoders and the pipeline (`previous_response_id`).
 */
import { invalidRequest } from '../../ir/errors.js';
import type {
  IrReasoningConfig,
  IrReasoningEffort,
  IrRequest,
  IrResponseFormat,
  IrTextPart,
} from '../../ir/types.js';
import { decodeInputItems, type DecodedInput } from './decode-input-items.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';
import { bool, isObject, num, str } from './wire-values.js';

/** Top-level keys kept verbatim in `extensions['openai-responses']`. */
const EXTENSION_KEYS = [
  'store',
  'include',
  'prompt_cache_key',
  'prompt_cache_retention',
  'client_metadata',
  'service_tier',
  'previous_response_id',
  'conversation',
  'prompt',
  'metadata',
  'truncation',
  'text',
  'background',
  'max_tool_calls',
  'top_logprobs',
  'safety_identifier',
  'stream_options',
  'reasoning',
  'tool_choice',
  'tools',
] as const;

const EFFORTS: ReadonlySet<string> = new Set<IrReasoningEffort>(['minimal', 'low', 'medium', 'high', 'xhigh']);

function decodeInput(input: unknown): DecodedInput {
  if (typeof input === 'string') return { system: [], messages: [{ role: 'user', parts: [{ type: 'text', text: input }] }] };
  if (Array.isArray(input)) return decodeInputItems(input);
  // Absent input is legal with `previous_response_id` / `prompt`; the pipeline decides.
  if (input === undefined || input === null) return { system: [], messages: [] };
  throw invalidRequest('`input` must be a string or an array of input items', 'input');
}

/** `reasoning: {effort, summary}`; effort "none" means reasoning explicitly off. */
function decodeReasoning(reasoning: unknown): IrReasoningConfig | undefined {
  if (!isObject(reasoning)) return undefined;
  const out: IrReasoningConfig = {};
  const effort = str(reasoning.effort);
  if (effort === 'none') out.enabled = false;
  else if (effort && EFFORTS.has(effort)) {
    out.enabled = true;
    out.effort = effort as IrReasoningEffort;
  }
  const summary = str(reasoning.summary) ?? str(reasoning.generate_summary);
  if (summary) out.summary = summary;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `text.format`: json_schema / json_object become a response format; plain text is the default. */
function decodeResponseFormat(text: unknown): IrResponseFormat | undefined {
  if (!isObject(text) || !isObject(text.format)) return undefined;
  const format = text.format;
  switch (format.type) {
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const schema = isObject(format.schema) ? format.schema : {};
      const out: IrResponseFormat = { type: 'json_schema', schema };
      const name = str(format.name);
      if (name !== undefined) out.name = name;
      const strict = bool(format.strict);
      if (strict !== undefined) out.strict = strict;
      const description = str(format.description);
      if (description !== undefined) out.description = description;
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Parses a Responses request body.
 * @throws LynkrError `invalid_request` when the body is not an object, `model` is missing
 *   or empty (param `model`), or `input` is neither a string nor an array (param `input`).
 * @example
 *   decodeRequest({ model: 'gpt-5.5', input: 'hi' })
 *   // { model: 'gpt-5.5', system: [], messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }], tools: [], stream: false, … }
 */
export function decodeRequest(body: unknown): IrRequest {
  if (!isObject(body)) throw invalidRequest('Request body must be a JSON object');
  const model = str(body.model);
  if (!model) throw invalidRequest('`model` must be a non-empty string', 'model');

  const input = decodeInput(body.input);
  const instructions = str(body.instructions);
  const system: IrTextPart[] = instructions ? [{ type: 'text', text: instructions }, ...input.system] : input.system;

  const req: IrRequest = {
    model,
    system,
    messages: input.messages,
    tools: decodeTools(body.tools),
    stream: body.stream === true,
    extensions: {},
  };

  const toolChoice = decodeToolChoice(body.tool_choice);
  if (toolChoice) req.toolChoice = toolChoice;
  const parallel = bool(body.parallel_tool_calls);
  if (parallel !== undefined) req.parallelToolCalls = parallel;
  const maxOutput = num(body.max_output_tokens);
  if (maxOutput !== undefined && maxOutput > 0) req.maxOutputTokens = Math.floor(maxOutput);
  const temperature = num(body.temperature);
  if (temperature !== undefined) req.temperature = temperature;
  const topP = num(body.top_p);
  if (topP !== undefined) req.topP = topP;
  const user = str(body.user) ?? str(body.safety_identifier);
  if (user) req.user = user;
  const reasoning = decodeReasoning(body.reasoning);
  if (reasoning) req.reasoning = reasoning;
  const responseFormat = decodeResponseFormat(body.text);
  if (responseFormat) req.responseFormat = responseFormat;

  const ext: Record<string, unknown> = {};
  for (const key of EXTENSION_KEYS) if (body[key] !== undefined) ext[key] = body[key];
  req.extensions['openai-responses'] = ext;
  return req;
}
