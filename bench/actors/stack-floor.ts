/**
 * @module bench/actors/stack-floor
 * A reference point, not a product: the least a translating proxy built on Lynkr's own
 * stack can do. fastify (raw body, JSON.parse), one undici request per call to Ollama's
 * `/api/chat` through a keep-alive Agent, every NDJSON line JSON-parsed, the text joined
 * and answered as a Chat Completions JSON body. No IR, no stages, no logging. The distance
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
