/**
 * @module bench/actors/mock-upstream
 * The one upstream every proxy in the bench talks to: a tiny node:http server answering
 * Ollama's native `/api/chat` (NDJSON, streaming or not), OpenAI Chat Completions and
 * OpenAI Responses (SSE or JSON), with replies rendered once as bytes (mock-replies.ts).
 *
 * The model name picks the shape of the reply, because it is the one field every proxy
 * carries to the upstream (Lynkr strips an `ollama:` prefix, the others pass it on):
 * - `…long-<N>…`: N deltas, written 64 frames at a time (events-per-second test);
 * - `…ttfb…`: the first delta at once, the rest 20 ms later (time-to-first-byte test);
 * - `…hold…`: the first delta, then nothing until `POST /__release` (memory test);
 * - anything else: the 16-delta reply in one write.
 * `GET /__stats` reports how many held streams are open and how many connections were
 * accepted so far (a proxy that reuses its upstream connections opens few). `POST /api/show` answers like
 * Ollama (a 131,072-token context length), so a proxy that sizes `num_ctx` from it gets a
 * real answer it can cache, as it would from Ollama.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CONTENT_TYPE, FRAMES, PIECES, renderJson, renderStream, type Dialect } from './mock-replies.js';
import { runActor } from './run-actor.js';

const TTFB_GAP_MS = 20;
const LONG_BATCH = 64;
const LONG_MAX = 1_000_000;

const STREAM = { ollama: renderStream('ollama'), 'openai-chat': renderStream('openai-chat'), 'openai-responses': renderStream('openai-responses') };
const JSON_REPLY = { ollama: renderJson('ollama'), 'openai-chat': renderJson('openai-chat'), 'openai-responses': renderJson('openai-responses') };

const SHOW = {
  modelfile: '',
  parameters: '',
  template: '{{ .Prompt }}',
  details: { format: 'gguf', family: 'bench', parameter_size: '1B', quantization_level: 'Q4_K_M' },
  model_info: { 'general.architecture': 'bench', 'bench.context_length': 131_072 },
  capabilities: ['completion', 'tools'],
};

const ROUTES: Record<string, Dialect> = {
  '/api/chat': 'ollama',
  '/v1/chat/completions': 'openai-chat',
  '/chat/completions': 'openai-chat',
  '/v1/responses': 'openai-responses',
  '/responses': 'openai-responses',
};

export function createMockUpstream() {
  const held = new Set<() => void>();

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/__stats') return sendJson(res, 200, { held: held.size, connections });
    if (req.method === 'POST' && path === '/__release') {
      const n = held.size;
      for (const release of [...held]) release();
      return sendJson(res, 200, { released: n });
    }
    if (req.method === 'GET' && path === '/') return void res.end('Ollama is running');
    if (path === '/api/show') return void req.resume().on('end', () => sendJson(res, 200, SHOW));
    if (path === '/api/version') return sendJson(res, 200, { version: '0.12.0' });
    const dialect = ROUTES[path];
    if (req.method !== 'POST' || !dialect) return sendJson(res, 404, { error: `no route ${req.method} ${path}` });
    readBody(req).then((raw) => {
      let body: { model?: unknown; stream?: unknown };
      try {
        body = JSON.parse(raw.toString('utf8')) as typeof body;
      } catch {
        return sendJson(res, 400, { error: 'body is not JSON' });
      }
      const model = typeof body.model === 'string' ? body.model : '';
      // Ollama streams unless told not to; the OpenAI APIs only when asked.
      const stream = dialect === 'ollama' ? body.stream !== false : body.stream === true;
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': JSON_REPLY[dialect].length });
        return void res.end(JSON_REPLY[dialect]);
      }
      res.writeHead(200, { 'content-type': CONTENT_TYPE[dialect], 'cache-control': 'no-cache' });
      const long = /long-(\d+)/.exec(model);
      if (long) return void writeLong(res, dialect, Math.max(1, Math.min(Number(long[1]), LONG_MAX)));
      if (model.includes('ttfb')) return void writeInTwo(res, dialect, (rest) => setTimeout(rest, TTFB_GAP_MS));
      if (model.includes('hold')) {
        return void writeInTwo(res, dialect, (rest) => {
          const release = () => {
            held.delete(release);
            rest();
          };
          held.add(release);
          res.on('close', () => held.delete(release));
        });
      }
      res.end(STREAM[dialect]);
    }, () => res.destroy());
  });
  let connections = 0;
  server.on('connection', () => connections++);
  server.keepAliveTimeout = 65_000;
  return server;
}

function writeInTwo(res: ServerResponse, dialect: Dialect, later: (rest: () => void) => void): void {
  const f = FRAMES[dialect];
  res.write(f.head + f.delta(PIECES[0], 0));
  later(() => {
    if (res.destroyed) return;
    res.end(PIECES.slice(1).map((p, i) => f.delta(p, i + 1)).join('') + f.tail(PIECES.length, PIECES.join('')));
  });
}

/** N deltas as fast as the socket takes them, in batches so the proxy sees many chunks. */
function writeLong(res: ServerResponse, dialect: Dialect, count: number): void {
  const f = FRAMES[dialect];
  let i = 0;
  let first = true;
  const step = () => {
    while (i < count && !res.destroyed) {
      let batch = first ? f.head : '';
      first = false;
      const end = Math.min(i + LONG_BATCH, count);
      for (; i < end; i++) batch += f.delta(PIECES[i % PIECES.length], i);
      if (i >= count) return void res.end(batch + f.tail(count, ''));
      if (!res.write(batch)) return void res.once('drain', step);
      return void setImmediate(step);
    }
  };
  step();
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void runActor('mock-upstream', async () => {
    const server = createMockUpstream();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return {
      port: typeof address === 'object' && address ? address.port : 0,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  });
}
