/**
 * @module bench/pipeline-cost
 * What Lynkr's own translation costs per request, without sockets: `handleModelRequest` from
 * `dist/` (as `npm start` runs it) with the Ollama adapter's HTTP client replaced by one
 * that answers from memory (the bench mock's 16-delta reply, as one network chunk), for the
 * Chat request of scenario 1 and the captured Codex turn of scenario 2. The egress body is
 * still serialised, as the real client would. Microseconds per request, sequential and 32
 * at a time. Add `--cpu-prof` to node for a profile of this work alone.
 * Usage: npm run bench:pipeline [-- chat|codex] [requests]
 */
import { pathToFileURL } from 'node:url';
import { renderStream } from './actors/mock-replies.js';
import { DEFAULT_CODEX_FIXTURE, readCapturedRequest } from './lib/codex-fixture.js';

const dist = (path: string) => import(pathToFileURL(new URL(`../dist/${path}`, import.meta.url).pathname).href);

interface Chunks {
  kind: string;
  body?: unknown;
  chunks?: AsyncIterable<string>;
}

const [{ loadConfig }, { createLogger }, { ProviderRegistry }, { handleModelRequest }, chat, responses, { UpstreamBody }] = await Promise.all([
  dist('config/index.js'),
  dist('observability/logger.js'),
  dist('providers/registry.js'),
  dist('pipeline/handle-model-request.js'),
  dist('dialects/openai-chat/index.js'),
  dist('dialects/openai-responses/index.js'),
  dist('providers/upstream-body.js'),
]);

const config = loadConfig(
  { MODEL_PROVIDER: 'ollama', OLLAMA_ENDPOINT: 'http://127.0.0.1:9', OLLAMA_MODEL: 'bench', LOG_LEVEL: 'warn', PROMPT_CACHE_ENABLED: 'false', SEMANTIC_CACHE_ENABLED: 'false' },
  { dotenvPath: false },
);
const registry = new ProviderRegistry(config);
const reply = renderStream('ollama');
const show = Buffer.from(JSON.stringify({ model_info: { 'bench.context_length': 131_072 } }));

/** The in-memory upstream: serialises the body like the real client, answers with one chunk. */
registry.http.send = async (req: { url: string; body?: unknown }) => {
  if (req.body !== undefined && typeof req.body !== 'string') JSON.stringify(req.body);
  const body = new UpstreamBody();
  body.push(req.url.endsWith('/api/show') ? show : reply);
  body.end();
  return { status: 200, headers: { 'content-type': 'application/x-ndjson' }, body };
};

const services = { config, registry, log: createLogger({ level: 'warn', secrets: [] }) };
const which = process.argv[2] === 'codex' ? 'codex' : 'chat';
const requests = Number(process.argv[3] ?? (which === 'chat' ? 20_000 : 3_000));
const raw =
  which === 'chat'
    ? Buffer.from(JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'Say hello from the bench.' }] }))
    : readCapturedRequest(DEFAULT_CODEX_FIXTURE).body;
const codec = which === 'chat' ? chat.openaiChatCodec : responses.openaiResponsesCodec;

async function one(): Promise<void> {
  const result = (await handleModelRequest(services, {
    codec,
    body: JSON.parse(raw.toString('utf8')),
    headers: {},
    controller: new AbortController(),
    requestId: 'req_bench',
    idPrefix: 'x',
  })) as Chunks;
  if (result.kind === 'json') JSON.stringify(result.body);
  else for await (const chunk of result.chunks!) void chunk;
}

for (let i = 0; i < Math.min(2_000, requests); i++) await one();
let t = performance.now();
for (let i = 0; i < requests; i++) await one();
const sequential = ((performance.now() - t) * 1000) / requests;
const C = 32;
t = performance.now();
for (let i = 0; i < requests / C; i++) await Promise.all(Array.from({ length: C }, one));
const concurrent = ((performance.now() - t) * 1000) / requests;
console.log(`${which} (${raw.length} bytes): ${sequential.toFixed(1)} µs per request sequential, ${concurrent.toFixed(1)} µs ${C} at a time`);
