/**
 * @module bench/actors/stack-floor
 * A reference point, not a product: the least a translating proxy built on Lynkr's own
 * stack can do. fastify (raw body, JSON.parse), one undici request per call to Ollama's
 * `/api/chat` through a keep-alive Agent, every NDJSON line JSON-parsed, the text joined
 * and answered as a Chat Completions JSON body (scenario 1) or streamed back as Responses
 * SSE (scenario 2, the Codex turn). No IR, no stages, no logging. The distance
 * between this and the bare forwarder is what the stack costs; the distance between Lynkr
 * and this is what Lynkr's own work costs.
 */
import Fastify from 'fastify';
import { Agent, request } from 'undici';
import { argValue, runActor } from './run-actor.js';

interface ChatBody {
  model?: string;
  messages?: unknown[];
}

interface ResponsesBody {
  model?: string;
  instructions?: string;
  input?: { type?: string; role?: string; content?: { text?: string }[] | string; output?: unknown }[];
  tools?: { type?: string; name?: string; description?: string; parameters?: unknown }[];
}

interface OllamaLine {
  message?: { content?: string };
  done?: boolean;
  prompt_eval_count?: number;
  eval_count?: number;
}

void runActor('stack-floor', async () => {
  const upstream = argValue('upstream') ?? 'http://127.0.0.1:11434';
  const agent = new Agent({ connections: null, keepAliveTimeout: 30_000 });
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/v1/chat/completions', async (req, reply) => {
    const body = JSON.parse((req.body as Buffer).toString('utf8')) as ChatBody;
    const res = await request(`${upstream}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: body.model, messages: body.messages, stream: true }),
      dispatcher: agent,
    });
    let text = '';
    let usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    for (const line of (await res.body.text()).split('\n')) {
      if (line === '') continue;
      const l = JSON.parse(line) as OllamaLine;
      text += l.message?.content ?? '';
      if (l.done) usage = { prompt_tokens: l.prompt_eval_count ?? 0, completion_tokens: l.eval_count ?? 0, total_tokens: (l.prompt_eval_count ?? 0) + (l.eval_count ?? 0) };
    }
    return reply.type('application/json').send({
      id: 'chatcmpl-floor',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage,
    });
  });
  // The Codex turn, translated with the least work that still reaches Ollama in its own
  // format: parse the Responses body, flatten its items to chat messages and its function
  // tools to Ollama tools, serialise, stream the NDJSON answer back as Responses SSE. What
  // any translating proxy pays for a 37 KB body before it does anything of its own.
  app.post('/v1/responses', async (req, reply) => {
    const body = JSON.parse((req.body as Buffer).toString('utf8')) as ResponsesBody;
    const messages: { role: string; content: string }[] = [];
    if (typeof body.instructions === 'string') messages.push({ role: 'system', content: body.instructions });
    for (const item of body.input ?? []) {
      if (item.type === 'message') {
        const content = Array.isArray(item.content) ? item.content.map((p) => p.text ?? '').join('') : String(item.content ?? '');
        messages.push({ role: item.role === 'developer' ? 'system' : (item.role ?? 'user'), content });
      } else if (item.type === 'function_call_output') messages.push({ role: 'tool', content: String(item.output ?? '') });
    }
    const tools = (body.tools ?? [])
      .filter((t) => t.type === 'function')
      .map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
    const res = await request(`${upstream}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: body.model, messages, tools, stream: true }),
      dispatcher: agent,
    });
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream' });
    const id = 'resp_floor';
    const frame = (event: Record<string, unknown>) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
    let out = frame({ type: 'response.created', response: { id, object: 'response', status: 'in_progress', model: body.model, output: [] } });
    out += frame({ type: 'response.output_item.added', output_index: 0, item: { id: 'msg_floor', type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
    let text = '';
    for (const line of (await res.body.text()).split('\n')) {
      if (line === '') continue;
      const l = JSON.parse(line) as OllamaLine;
      const delta = l.message?.content ?? '';
      if (delta) {
        text += delta;
        out += frame({ type: 'response.output_text.delta', item_id: 'msg_floor', output_index: 0, content_index: 0, delta });
      }
      if (l.done) {
        const usage = { input_tokens: l.prompt_eval_count ?? 0, output_tokens: l.eval_count ?? 0, total_tokens: (l.prompt_eval_count ?? 0) + (l.eval_count ?? 0) };
        const item = { id: 'msg_floor', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] };
        out += frame({ type: 'response.output_item.done', output_index: 0, item });
        out += frame({ type: 'response.completed', response: { id, object: 'response', status: 'completed', model: body.model, output: [item], usage } });
      }
    }
    raw.end(out);
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: async () => {
      await app.close();
      await agent.close();
    },
  };
});
