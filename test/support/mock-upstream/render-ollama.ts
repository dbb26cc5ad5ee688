/**
 * @module test/support/mock-upstream/render-ollama
 * Ollama's native API as documented in https://github.com/ollama/ollama/blob/main/docs/api.md:
 * `POST /api/chat` streams NDJSON (`application/x-ndjson`, one JSON object per line, streaming is the
 * default), reasoning arrives in `message.thinking`, tool calls in `message.tool_calls` with OBJECT
 * arguments and no ids, and the last line carries `done:true`, `done_reason` and the timing/count fields.
 * Errors are `{"error":"…"}`; an unknown model is 404 "model \"x\" not found, try pulling it first".
 */
import type { DialectRenderer, MockStreamError, MockTurn, RenderContext, StaticReply } from './types.js';
import {
  MOCK_EPOCH_ISO,
  TEXT_PIECES,
  bearerOf,
  bodyModel,
  digest,
  estimateTokens,
  splitPieces,
} from './wire-util.js';

const OLLAMA_VERSION = '0.12.6';

/** `llama3.2` and `llama3.2:latest` name the same model. */
function canonicalName(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

/** The documented shape: `{function:{name, arguments:{…}}}`, no id (some builds add `function.index`; we don't). */
function toolCallsOf(turn: MockTurn): Array<{ function: { name: string; arguments: Record<string, unknown> } }> {
  return (turn.toolCalls ?? []).map((call) => ({ function: { name: call.name, arguments: call.arguments } }));
}

/** Fields of the final (`done:true`) object; durations are nanoseconds. */
function doneFields(turn: MockTurn, ctx: RenderContext): Record<string, unknown> {
  return {
    done: true,
    done_reason: turn.finish === 'length' ? 'length' : 'stop',
    total_duration: 1_250_000_000,
    load_duration: 50_000_000,
    prompt_eval_count: ctx.usage.input,
    prompt_eval_duration: 200_000_000,
    eval_count: ctx.usage.output,
    eval_duration: 1_000_000_000,
  };
}

function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

function details(options: { architecture?: string }): Record<string, unknown> {
  const family = options.architecture ?? 'llama';
  return { parent_model: '', format: 'gguf', family, families: [family], parameter_size: '8.0B', quantization_level: 'Q4_K_M' };
}

/** Words that carry no topic, left out of the mock embedding. */
const STOP_WORDS = new Set(
  'a an the is are was were be been am of to in on at by for with and or but not what whats which who how why when where do does did have has had me my i you your it its this that these those please tell can could would should will s t'.split(' '),
);

/**
 * Deterministic unit-length "embedding" with meaning enough for semantic-cache tests: a bag of
 * content words (lower-case, stop words dropped, a plural `s` cut) hashed into `dims` signed
 * buckets. A rephrasing with the same content words is close (cosine ≈ 1: "What is the capital
 * of France?" / "Tell me France's capital, please"); texts without shared words are far.
 */
function embed(text: string, dims: number): number[] {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const content = words.filter((w) => !STOP_WORDS.has(w)).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  const features = content.length > 0 ? content : words.length > 0 ? words : [text];
  const raw = new Array<number>(dims).fill(0);
  for (const word of features) {
    const h = digest(word, 9);
    raw[parseInt(h.slice(0, 8), 16) % dims] += parseInt(h[8], 16) < 8 ? 1 : -1;
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((v) => v / norm);
}

function modelsList(known: string[] | undefined): string[] {
  return (known && known.length > 0 ? known : ['llama3.2:latest']).map(canonicalName);
}

export const ollamaRenderer: DialectRenderer = {
  isTurnRoute: (method, path) => method === 'POST' && path === '/api/chat',
  streamByDefault: true,
  streamContentType: 'application/x-ndjson',
  modelOf: bodyModel,
  modelKnown: (requested, known) => known.map(canonicalName).includes(canonicalName(requested)),
  credentialOf: (req) => bearerOf(req.headers),

  handleOther(req, options): StaticReply | undefined {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const known = modelsList(options.models);
    const requested = typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : '';
    const checkModel = (): StaticReply | undefined =>
      options.models && !ollamaRenderer.modelKnown(requested, options.models)
        ? ollamaRenderer.errorReply('model_not_found', requested)
        : undefined;

    switch (`${req.method} ${req.path}`) {
      case 'GET /':
      case 'HEAD /':
        return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Ollama is running' };
      case 'GET /api/version':
        return { status: 200, body: { version: OLLAMA_VERSION } };
      case 'GET /api/tags':
        return {
          status: 200,
          body: {
            models: known.map((name) => ({
              name,
              model: name,
              modified_at: MOCK_EPOCH_ISO,
              size: 4_920_753_328,
              digest: digest(name, 64),
              details: details(options),
            })),
          },
        };
      case 'GET /api/ps':
        return { status: 200, body: { models: [] } };
      case 'POST /api/show': {
        const arch = options.architecture ?? 'llama';
        return (
          checkModel() ?? {
            status: 200,
            body: {
              license: '',
              modelfile: `FROM ${canonicalName(requested)}`,
              parameters: 'stop "<|eot_id|>"',
              template: '{{ .Prompt }}',
              details: details(options),
              model_info: {
                'general.architecture': arch,
                'general.parameter_count': 8_030_261_248,
                [`${arch}.context_length`]: options.contextLength ?? 131072,
                [`${arch}.embedding_length`]: 4096,
              },
              capabilities: ['completion', 'tools', 'thinking'],
              modified_at: MOCK_EPOCH_ISO,
            },
          }
        );
      }
      case 'POST /api/embed': {
        const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
        const dims = options.embeddingDims ?? 16;
        return (
          checkModel() ?? {
            status: 200,
            body: {
              model: requested,
              embeddings: inputs.map((text) => embed(text, dims)),
              total_duration: 14_143_917,
              load_duration: 1_019_500,
              prompt_eval_count: inputs.reduce((sum, text) => sum + estimateTokens(text), 0),
            },
          }
        );
      }
      case 'POST /api/embeddings':
        return checkModel() ?? { status: 200, body: { embedding: embed(String(body.prompt ?? ''), options.embeddingDims ?? 16) } };
      default:
        return undefined;
    }
  },

  renderJson(turn, ctx) {
    const message: Record<string, unknown> = { role: 'assistant', content: turn.text ?? '' };
    if (turn.reasoning) message.thinking = turn.reasoning;
    if (turn.toolCalls?.length) message.tool_calls = toolCallsOf(turn);
    return { model: ctx.model, created_at: MOCK_EPOCH_ISO, message, ...doneFields(turn, ctx) };
  },

  renderStream(turn, ctx) {
    const chunk = (message: Record<string, unknown>): string =>
      line({ model: ctx.model, created_at: MOCK_EPOCH_ISO, message: { role: 'assistant', content: '', ...message }, done: false });
    const frames: string[] = [];
    for (const piece of splitPieces(turn.reasoning ?? '', TEXT_PIECES)) frames.push(chunk({ thinking: piece }));
    for (const piece of splitPieces(turn.text ?? '', TEXT_PIECES)) frames.push(chunk({ content: piece }));
    // Ollama emits each parsed tool call whole, in a chunk of its own (arguments are never fragmented).
    for (const call of toolCallsOf(turn)) frames.push(chunk({ tool_calls: [call] }));
    frames.push(line({ model: ctx.model, created_at: MOCK_EPOCH_ISO, message: { role: 'assistant', content: '' }, ...doneFields(turn, ctx) }));
    return frames;
  },

  renderStreamError(error: MockStreamError) {
    return line({ error: error.message });
  },

  errorReply(kind, detail) {
    switch (kind) {
      case 'model_not_found':
        return { status: 404, body: { error: `model "${detail}" not found, try pulling it first` } };
      case 'unauthorized':
        return { status: 401, body: { error: 'unauthorized' } };
      case 'invalid_json':
        return { status: 400, body: { error: detail } };
      case 'no_route':
        // Ollama's Go router answers unknown paths with a plain-text 404.
        return { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' };
      case 'script_failed':
        return { status: 500, body: { error: detail } };
    }
  },
};

