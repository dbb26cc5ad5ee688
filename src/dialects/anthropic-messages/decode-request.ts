/**
 * @module dialects/anthropic-messages/decode-request
 * A `POST /v1/messages` body (Claude Code, Anthropic SDKs) → IrRequest (wire-contract §2.2).
 * Validates only what the IR needs (model, messages, max_tokens and the types of the
 * sampling fields) and tolerates everything else. Anthropic-only fields travel in
 * `extensions['anthropic-messages']` for an Anthropic upstream (§6.5).
 * @see https://docs.anthropic.com/en/api/messages
 */
import { invalidRequest } from '../../ir/errors.js';
import type { IrReasoningConfig, IrReasoningEffort, IrRequest, IrTextPart } from '../../ir/types.js';
import { decodeMessages } from './decode-content.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';
import { isRecord } from './wire-types.js';

/** Claude Code's telemetry block at the head of `system` (§6.3): dropped so prefix caches stay stable. */
const BILLING_HEADER = 'x-anthropic-billing-header:';

/** Body fields with no IR meaning that an Anthropic upstream still wants. */
const EXTENSION_FIELDS = [
  'context_management',
  'metadata',
  'output_config',
  'anthropic_beta',
  'service_tier',
  'container',
  'mcp_servers',
  'thinking',
] as const;

/**
 * Decodes an Anthropic Messages request body.
 * @throws LynkrError('invalid_request') with `param` set, for a malformed body.
 * @example
 * decodeRequest({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] })
 */
export function decodeRequest(body: unknown): IrRequest {
  if (!isRecord(body)) throw invalidRequest('The request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model.trim() === '') {
    throw invalidRequest('model: Field required (a non-empty string)', 'model');
  }
  if (!Array.isArray(body.messages)) throw invalidRequest('messages: Field required (an array of messages)', 'messages');

  const req: IrRequest = {
    model: body.model,
    system: decodeSystem(body.system),
    messages: decodeMessages(body.messages),
    tools: decodeTools(body.tools),
    ...decodeToolChoice(body.tool_choice),
    stream: body.stream === true,
    extensions: {},
  };
  const maxTokens = positiveInt(body.max_tokens, 'max_tokens');
  if (maxTokens !== undefined) req.maxOutputTokens = maxTokens;
  const temperature = number(body.temperature, 'temperature');
  if (temperature !== undefined) req.temperature = temperature;
  const topP = number(body.top_p, 'top_p');
  if (topP !== undefined) req.topP = topP;
  const topK = number(body.top_k, 'top_k');
  if (topK !== undefined) req.topK = topK;
  const stop = stopSequences(body.stop_sequences);
  if (stop) req.stop = stop;
  const reasoning = decodeReasoning(body.thinking, body.output_config);
  if (reasoning) req.reasoning = reasoning;
  if (isRecord(body.metadata) && typeof body.metadata.user_id === 'string') req.user = body.metadata.user_id;

  const ext: Record<string, unknown> = {};
  for (const key of EXTENSION_FIELDS) if (body[key] !== undefined) ext[key] = body[key];
  if (Object.keys(ext).length > 0) req.extensions['anthropic-messages'] = ext;
  return req;
}

function decodeSystem(raw: unknown): IrTextPart[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string') return raw === '' ? [] : [{ type: 'text', text: raw }];
  if (!Array.isArray(raw)) throw invalidRequest('system: expected a string or an array of text blocks', 'system');
  const parts: IrTextPart[] = [];
  raw.forEach((b, i) => {
    if (!isRecord(b) || b.type !== 'text' || typeof b.text !== 'string') {
      throw invalidRequest(`system.${i}: expected a text block`, `system.${i}`);
    }
    if (b.text.startsWith(BILLING_HEADER)) return;
    parts.push({ type: 'text', text: b.text, ...(b.cache_control === undefined ? {} : { cacheControl: b.cache_control }) });
  });
  return parts;
}

const EFFORTS: Record<string, IrReasoningEffort> = {
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'xhigh',
};

/**
 * `thinking` + `output_config.effort` → IR reasoning. `adaptive` (Claude Code 2.x) means
 * "think as needed": enabled, no budget.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
function decodeReasoning(thinking: unknown, outputConfig: unknown): IrReasoningConfig | undefined {
  const r: IrReasoningConfig = {};
  if (isRecord(thinking)) {
    switch (thinking.type) {
      case 'enabled':
        r.enabled = true;
        if (typeof thinking.budget_tokens === 'number' && thinking.budget_tokens > 0) r.budgetTokens = Math.floor(thinking.budget_tokens);
        break;
      case 'adaptive':
        r.enabled = true;
        break;
      case 'disabled':
        r.enabled = false;
        break;
    }
  }
  if (isRecord(outputConfig) && typeof outputConfig.effort === 'string' && EFFORTS[outputConfig.effort]) {
    r.effort = EFFORTS[outputConfig.effort];
  }
  return Object.keys(r).length > 0 ? r : undefined;
}

function positiveInt(v: unknown, param: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw invalidRequest(`${param}: expected a positive integer`, param);
  return v;
}

function number(v: unknown, param: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidRequest(`${param}: expected a number`, param);
  return v;
}

function stopSequences(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
    throw invalidRequest('stop_sequences: expected an array of strings', 'stop_sequences');
  }
  return v.length > 0 ? v : undefined;
}
