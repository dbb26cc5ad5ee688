/**
 * @module test/support/mock-upstream/render-openai-responses
 * OpenAI Responses API as documented in https://platform.openai.com/docs/api-reference/responses-streaming
 * and as Codex consumes it (wire-contract §3.1–3.3): `response.created`, `response.in_progress`, then per
 * output item `response.output_item.added`, its deltas (reasoning summary, output text, function-call
 * arguments, custom-tool input) and `response.output_item.done` (the only thing Codex builds history from),
 * ending with `response.completed` (or `response.incomplete` on `finish:'length'`) carrying integer usage
 * with `total_tokens`. Every event carries `sequence_number`. Errors use the OpenAI error shape.
 */
import { openAiChatRenderer } from './render-openai-chat.js';
import type { DialectRenderer, MockTurn, RenderContext } from './types.js';
import { ARGUMENT_PIECES, MOCK_EPOCH_SECONDS, TEXT_PIECES, bodyModel, callId, digest, splitPieces } from './wire-util.js';

type OutputItem = Record<string, unknown> & { id: string; type: string };

/** One output item: its `added` snapshot, the delta events in between, and its `done` snapshot. */
interface ItemPlan {
  added: OutputItem;
  deltas: (outputIndex: number) => Array<Record<string, unknown>>;
  done: OutputItem;
}

function wantsEncryptedReasoning(ctx: RenderContext): boolean {
  const include = (ctx.request.body as { include?: unknown } | undefined)?.include;
  return Array.isArray(include) && include.includes('reasoning.encrypted_content');
}

function plansOf(turn: MockTurn, ctx: RenderContext): ItemPlan[] {
  const plans: ItemPlan[] = [];
  const suffix = `${ctx.turn}_${digest(ctx.request.rawBody, 8)}`;
  if (turn.reasoning) {
    const id = `rs_${suffix}`;
    const text = turn.reasoning;
    const done: OutputItem = { id, type: 'reasoning', summary: [{ type: 'summary_text', text }] };
    if (wantsEncryptedReasoning(ctx)) done.encrypted_content = Buffer.from(JSON.stringify({ mock: true, text })).toString('base64');
    plans.push({
      added: { id, type: 'reasoning', summary: [] },
      deltas: (output_index) => [
        { type: 'response.reasoning_summary_part.added', item_id: id, output_index, summary_index: 0, part: { type: 'summary_text', text: '' } },
        ...splitPieces(text, TEXT_PIECES).map((delta) => ({
          type: 'response.reasoning_summary_text.delta',
          item_id: id,
          output_index,
          summary_index: 0,
          delta,
        })),
        { type: 'response.reasoning_summary_text.done', item_id: id, output_index, summary_index: 0, text },
        { type: 'response.reasoning_summary_part.done', item_id: id, output_index, summary_index: 0, part: { type: 'summary_text', text } },
      ],
      done,
    });
  }
  if (turn.text) {
    const id = `msg_${suffix}`;
    const text = turn.text;
    const part = (t: string) => ({ type: 'output_text', text: t, annotations: [], logprobs: [] });
    plans.push({
      added: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
      deltas: (output_index) => [
        { type: 'response.content_part.added', item_id: id, output_index, content_index: 0, part: part('') },
        ...splitPieces(text, TEXT_PIECES).map((delta) => ({
          type: 'response.output_text.delta',
          item_id: id,
          output_index,
          content_index: 0,
          delta,
          logprobs: [],
        })),
        { type: 'response.output_text.done', item_id: id, output_index, content_index: 0, text, logprobs: [] },
        { type: 'response.content_part.done', item_id: id, output_index, content_index: 0, part: part(text) },
      ],
      done: { id, type: 'message', status: 'completed', role: 'assistant', content: [part(text)] },
    });
  }
  (turn.toolCalls ?? []).forEach((call, i) => {
    const call_id = callId(call, 'call_', ctx.turn, i);
    if (call.input !== undefined) {
      const id = `ctc_${suffix}_${i}`;
      const input = call.input;
      const base = { id, type: 'custom_tool_call', call_id, name: call.name };
      plans.push({
        added: { ...base, status: 'in_progress', input: '' },
        deltas: (output_index) => [
          ...splitPieces(input, ARGUMENT_PIECES).map((delta) => ({ type: 'response.custom_tool_call_input.delta', item_id: id, output_index, delta })),
          { type: 'response.custom_tool_call_input.done', item_id: id, output_index, input },
        ],
        done: { ...base, status: 'completed', input },
      });
      return;
    }
    const id = `fc_${suffix}_${i}`;
    const args = JSON.stringify(call.arguments);
    const base = { id, type: 'function_call', call_id, name: call.name, ...(call.namespace ? { namespace: call.namespace } : {}) };
    plans.push({
      added: { ...base, status: 'in_progress', arguments: '' },
      deltas: (output_index) => [
        ...splitPieces(args, ARGUMENT_PIECES).map((delta) => ({ type: 'response.function_call_arguments.delta', item_id: id, output_index, delta })),
        { type: 'response.function_call_arguments.done', item_id: id, output_index, arguments: args },
      ],
      done: { ...base, status: 'completed', arguments: args },
    });
  });
  return plans;
}

function responseObject(turn: MockTurn, ctx: RenderContext, status: string, output: OutputItem[], withUsage: boolean): Record<string, unknown> {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  return {
    id: `resp_mock${ctx.turn}_${digest(ctx.request.rawBody, 12)}`,
    object: 'response',
    created_at: MOCK_EPOCH_SECONDS,
    status,
    background: false,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: ctx.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: body.store ?? false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: withUsage
      ? {
          input_tokens: ctx.usage.input,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: ctx.usage.output,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: ctx.usage.input + ctx.usage.output,
        }
      : null,
    user: null,
    metadata: {},
  };
}

function terminalStatus(turn: MockTurn): 'completed' | 'incomplete' {
  return turn.finish === 'length' ? 'incomplete' : 'completed';
}

/** Data-only frames would do for Codex; the `event:` line is what the OpenAI API sends. */
function eventFrame(event: Record<string, unknown>, sequence: number): string {
  return `event: ${String(event.type)}\ndata: ${JSON.stringify({ ...event, sequence_number: sequence })}\n\n`;
}

export const openAiResponsesRenderer: DialectRenderer = {
  // Azure OpenAI: `/openai/responses?api-version=…` and the v1 GA API's `/openai/v1/responses`.
  isTurnRoute: (method, path) => method === 'POST' && ['/v1/responses', '/responses', '/openai/responses', '/openai/v1/responses'].includes(path),
  streamByDefault: false,
  streamContentType: 'text/event-stream; charset=utf-8',
  modelOf: bodyModel,
  modelKnown: (requested, known) => known.includes(requested),
  credentialOf: openAiChatRenderer.credentialOf,
  handleOther: openAiChatRenderer.handleOther,
  errorReply: openAiChatRenderer.errorReply,

  renderJson(turn, ctx) {
    return responseObject(turn, ctx, terminalStatus(turn), plansOf(turn, ctx).map((plan) => plan.done), true);
  },

  renderStream(turn, ctx) {
    const events: Array<Record<string, unknown>> = [
      { type: 'response.created', response: responseObject(turn, ctx, 'in_progress', [], false) },
      { type: 'response.in_progress', response: responseObject(turn, ctx, 'in_progress', [], false) },
    ];
    const plans = plansOf(turn, ctx);
    plans.forEach((plan, output_index) => {
      events.push({ type: 'response.output_item.added', output_index, item: plan.added });
      events.push(...plan.deltas(output_index));
      events.push({ type: 'response.output_item.done', output_index, item: plan.done });
    });
    const status = terminalStatus(turn);
    events.push({ type: `response.${status}`, response: responseObject(turn, ctx, status, plans.map((plan) => plan.done), true) });
    return events.map((event, sequence) => eventFrame(event, sequence));
  },

  renderStreamError(error, ctx, framesWritten) {
    const response = {
      ...responseObject({}, ctx, 'failed', [], false),
      error: { code: error.type ?? 'server_error', message: error.message },
    };
    return eventFrame({ type: 'response.failed', response }, framesWritten);
  },
};
