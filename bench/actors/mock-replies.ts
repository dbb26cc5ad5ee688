/**
 * @module bench/actors/mock-replies
 * The bench upstream's answers, rendered once as bytes so the mock costs next to nothing
 * per request. Every dialect carries the same text in the same number of deltas, so a
 * proxy that translates (Chat → Ollama, Responses → Ollama) and one that passes bytes
 * through receive equivalent streams.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion (NDJSON lines)
 * @see https://platform.openai.com/docs/api-reference/chat-streaming (chat SSE)
 * @see https://platform.openai.com/docs/api-reference/responses-streaming (Responses SSE)
 */

/** A delta every stream carries intact: clients check for it to prove a real answer came back. */
export const MARKER = 'benchmark-ok';

/** The reply, in the deltas a model would stream (16 pieces). */
export const PIECES = [
  'Hello', ' from', ' the', ' bench', ' mock', ' upstream', ':', ' ', MARKER, '.', ' This', ' reply', ' has', ' sixteen', ' deltas', '.',
];

const MODEL = 'bench';
const CREATED = 1_700_000_000;

export type Dialect = 'ollama' | 'openai-chat' | 'openai-responses';

/** The pieces of one reply: the opening frames, one frame per delta, and the closing frames. */
export interface StreamFrames {
  head: string;
  delta(text: string, index: number): string;
  tail(deltaCount: number, fullText: string): string;
}

const json = (value: unknown) => JSON.stringify(value);

function ollamaFrames(): StreamFrames {
  return {
    head: '',
    delta: (text) => `${json({ model: MODEL, created_at: '2023-11-14T22:13:20Z', message: { role: 'assistant', content: text }, done: false })}\n`,
    tail: (count) =>
      `${json({
        model: MODEL,
        created_at: '2023-11-14T22:13:20Z',
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: 'stop',
        total_duration: 1_000_000,
        prompt_eval_count: 42,
        eval_count: count,
      })}\n`,
  };
}

function chatFrames(): StreamFrames {
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${json({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: CREATED, model: MODEL, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  return {
    head: chunk({ role: 'assistant', content: '' }, null),
    delta: (text) => chunk({ content: text }, null),
    tail: (count) =>
      chunk({}, 'stop') +
      `data: ${json({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: CREATED, model: MODEL, choices: [], usage: { prompt_tokens: 42, completion_tokens: count, total_tokens: 42 + count } })}\n\n` +
      'data: [DONE]\n\n',
  };
}

function responsesFrames(): StreamFrames {
  const frame = (event: Record<string, unknown>) => `event: ${event.type as string}\ndata: ${json(event)}\n\n`;
  const response = (status: string, output: unknown[], usage: unknown) => ({
    id: 'resp_bench',
    object: 'response',
    created_at: CREATED,
    status,
    model: MODEL,
    output,
    usage,
  });
  const item = (text: string, status: string) => ({
    id: 'msg_bench',
    type: 'message',
    status,
    role: 'assistant',
    content: text === '' && status === 'in_progress' ? [] : [{ type: 'output_text', text, annotations: [] }],
  });
  return {
    head:
      frame({ type: 'response.created', sequence_number: 0, response: response('in_progress', [], null) }) +
      frame({ type: 'response.in_progress', sequence_number: 1, response: response('in_progress', [], null) }) +
      frame({ type: 'response.output_item.added', sequence_number: 2, output_index: 0, item: item('', 'in_progress') }) +
      frame({ type: 'response.content_part.added', sequence_number: 3, item_id: 'msg_bench', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }),
    delta: (text, i) => frame({ type: 'response.output_text.delta', sequence_number: 4 + i, item_id: 'msg_bench', output_index: 0, content_index: 0, delta: text }),
    tail: (count, text) =>
      frame({ type: 'response.output_text.done', sequence_number: 4 + count, item_id: 'msg_bench', output_index: 0, content_index: 0, text }) +
      frame({ type: 'response.content_part.done', sequence_number: 5 + count, item_id: 'msg_bench', output_index: 0, content_index: 0, part: { type: 'output_text', text, annotations: [] } }) +
      frame({ type: 'response.output_item.done', sequence_number: 6 + count, output_index: 0, item: item(text, 'completed') }) +
      frame({
        type: 'response.completed',
        sequence_number: 7 + count,
        response: response('completed', [item(text, 'completed')], { input_tokens: 42, output_tokens: count, total_tokens: 42 + count }),
      }),
  };
}

export const FRAMES: Record<Dialect, StreamFrames> = {
  ollama: ollamaFrames(),
  'openai-chat': chatFrames(),
  'openai-responses': responsesFrames(),
};

export const CONTENT_TYPE: Record<Dialect, string> = {
  ollama: 'application/x-ndjson',
  'openai-chat': 'text/event-stream',
  'openai-responses': 'text/event-stream',
};

/** The whole default reply as one stream body. */
export function renderStream(dialect: Dialect): Buffer {
  const f = FRAMES[dialect];
  return Buffer.from(f.head + PIECES.map((p, i) => f.delta(p, i)).join('') + f.tail(PIECES.length, PIECES.join('')));
}

/** The default reply as one JSON document (a non-streaming request). */
export function renderJson(dialect: Dialect): Buffer {
  const text = PIECES.join('');
  const n = PIECES.length;
  switch (dialect) {
    case 'ollama':
      return Buffer.from(
        json({ model: MODEL, created_at: '2023-11-14T22:13:20Z', message: { role: 'assistant', content: text }, done: true, done_reason: 'stop', prompt_eval_count: 42, eval_count: n }),
      );
    case 'openai-chat':
      return Buffer.from(
        json({
          id: 'chatcmpl-bench',
          object: 'chat.completion',
          created: CREATED,
          model: MODEL,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: 42, completion_tokens: n, total_tokens: 42 + n },
        }),
      );
    case 'openai-responses':
      return Buffer.from(
        json({
          id: 'resp_bench',
          object: 'response',
          created_at: CREATED,
          status: 'completed',
          model: MODEL,
          output: [{ id: 'msg_bench', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
          usage: { input_tokens: 42, output_tokens: n, total_tokens: 42 + n },
        }),
      );
  }
}
