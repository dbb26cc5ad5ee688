/**
 * @module test/fuzz/fuzz-support
 * Property-based fuzzing of the ingress codecs through the real server on loopback (issue 6,
 * "bad input"): seeds are the captured client requests (`fixtures/**.http`, copied from the
 * team's wire-contract captures; body = the text after the headers' closing "\n}\n"), and
 * fast-check mutates them, generates bodies from scratch, and corrupts their bytes. Every
 * answer must be a 2xx or a well-formed 4xx in the route's dialect (wire-contract §4), never
 * a 5xx, a crash or a hang. Lynkr talks to an Ollama mock that answers at once, so valid
 * bodies really complete. `describeIngressFuzz` declares the suite every route runs.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import pino from 'pino';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { refusedUrl, startMockUpstream, type MockUpstream } from '../support/mock-upstream/index.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** The request bodies captured from one client (`codex-0.169.0`, `claude-code-2.1.197`). */
export function fixtureBodies(client: string): Record<string, JsonObject> {
  const dir = join(FIXTURES, client);
  const out: Record<string, JsonObject> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.http')).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    out[name.replace(/\.http$/, '')] = JSON.parse(text.slice(text.indexOf('\n}\n') + 3)) as JsonObject;
  }
  return out;
}

/**
 * The seeds plus a copy of each with only its first three tools: the captures carry 20+ tool
 * schemas (most of their bytes), so half the cases run on bodies a tenth the size.
 */
export function withSmallVariants(seeds: JsonObject[]): JsonObject[] {
  const small = seeds.filter((s) => Array.isArray(s.tools) && s.tools.length > 3).map((s) => ({ ...s, tools: (s.tools as Json[]).slice(0, 3) }));
  return [...seeds, ...small];
}

// ---------------------------------------------------------------------------------------
// Mutations

type Path = (string | number)[];

/** Every path into a JSON value (containers included), up to `maxDepth`. */
export function allPaths(value: Json, maxDepth = 10): Path[] {
  const out: Path[] = [];
  const walk = (v: Json, path: Path) => {
    out.push(path);
    if (path.length >= maxDepth || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) v.forEach((child, i) => walk(child, [...path, i]));
    else for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
  };
  walk(value, []);
  return out;
}

function parentOf(root: Json, path: Path): { parent: Json[] | JsonObject; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node: Json = root;
  for (const k of path.slice(0, -1)) node = (node as JsonObject)[k as string];
  return { parent: node as Json[] | JsonObject, key: path[path.length - 1] };
}

/** Sets an own property, even `__proto__` (a plain assignment would change the prototype instead). */
function setOwn(target: Json[] | JsonObject, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Values that have broken parsers before: wrong types, extremes, prototype-ish keys, odd unicode. */
const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', ' ', '\u0000', '\ud800', 'null', '{}', [], {}, [[]], [null], { type: null }),
  fc.constantFrom<Json>({ type: 'text' }, { type: 'text', text: 42 }, { role: 'user' }, { role: 'user', content: null }, JSON.parse('{"__proto__":{"polluted":true}}') as Json),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }).filter((n) => Number.isFinite(n)),
);

const anyValue: fc.Arbitrary<Json> = fc.oneof({ weight: 2, arbitrary: nastyValue }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> });

const keyName = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'type', 'role', 'content', 'text', 'id', ''), fc.string({ maxLength: 12 }));

/** Where a mutation lands: `field` picks a top-level field (or the root), `at` a path inside it. */
interface Target {
  field: number;
  at: number;
}

type Mutation =
  | ({ kind: 'set'; value: Json } & Target)
  | ({ kind: 'delete' } & Target)
  | ({ kind: 'insert'; key: string; value: Json } & Target)
  | ({ kind: 'duplicate' } & Target)
  | ({ kind: 'truncate'; keep: number } & Target);

const target = { field: fc.nat(), at: fc.nat() };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), ...target, value: anyValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), ...target }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), ...target, key: keyName, value: anyValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), ...target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), ...target, keep: fc.nat({ max: 3 }) }) },
);

/**
 * The path a target designates. The top-level field is chosen first, so small fields (`model`,
 * `stream`, `messages`) are hit as often as the tool schemas that hold most of a capture's paths.
 */
function targetPath(root: JsonObject, { field, at }: Target): Path {
  const paths = allPaths(root);
  const fields = [undefined, ...Object.keys(root)];
  const chosen = fields[field % fields.length];
  const inField = chosen === undefined ? [[] as Path] : paths.filter((p) => p[0] === chosen);
  return inField[at % inField.length];
}

/**
 * Applies a mutation to `root` in place. Inserted values are copies: fast-check hands out the
 * same constant objects again and again, and a later mutation must never change them.
 */
function applyMutation(root: JsonObject, m: Mutation): JsonObject {
  const path = targetPath(root, m);
  let node: Json = root;
  for (const k of path) node = (node as JsonObject)[k as string];
  const where = parentOf(root, path);
  switch (m.kind) {
    case 'set':
      if (!where) return typeof m.value === 'object' && m.value !== null && !Array.isArray(m.value) ? (structuredClone(m.value) as JsonObject) : root;
      setOwn(where.parent, where.key, structuredClone(m.value));
      return root;
    case 'delete':
      if (!where) return root;
      if (Array.isArray(where.parent)) where.parent.splice(where.key as number, 1);
      else delete where.parent[where.key as string];
      return root;
    case 'insert':
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) setOwn(node, m.key, structuredClone(m.value));
      else if (Array.isArray(node)) node.splice(m.at % (node.length + 1), 0, structuredClone(m.value));
      return root;
    case 'duplicate':
      if (where && Array.isArray(where.parent)) where.parent.splice(where.key as number, 0, structuredClone(node));
      return root;
    case 'truncate':
      if (Array.isArray(node)) node.length = Math.min(node.length, m.keep);
      else if (typeof node === 'string' && where) setOwn(where.parent, where.key, node.slice(0, m.keep * 7));
      return root;
  }
}

/** Provider prefixes a fuzzed model name must not carry: Lynkr would route to that (unreachable) provider. */
const PROVIDER_PREFIX = /^\s*(ollama|llamacpp|lmstudio|openai|openrouter|azure-openai|azure-anthropic|anthropic|bedrock|databricks)\s*[:/]/i;

function keepLocal(body: Json): Json {
  if (body && typeof body === 'object' && !Array.isArray(body) && typeof body.model === 'string' && PROVIDER_PREFIX.test(body.model)) {
    return { ...body, model: 'fuzz-model' };
  }
  return body;
}

/** A seed with 1–4 structural mutations and a random `stream` flag. */
export function mutatedBody(seeds: JsonObject[]): fc.Arbitrary<Json> {
  return fc
    .record({ seed: fc.constantFrom(...seeds), stream: fc.boolean(), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
    .map(({ seed, stream, mutations }) => {
      let body: JsonObject = { ...structuredClone(seed), stream };
      for (const m of mutations) body = applyMutation(body, m);
      return keepLocal(body);
    });
}

/** Bodies built from scratch: any JSON, or an object with the dialect's field names holding any values. */
export function generatedBody(fields: string[]): fc.Arbitrary<Json> {
  const record = fc.dictionary(fc.constantFrom(...fields), anyValue, { maxKeys: fields.length }) as fc.Arbitrary<Json>;
  return fc.oneof({ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json> }, { weight: 3, arbitrary: record }).map(keepLocal);
}

/** Raw text that is mostly not JSON: a seed cut short, a byte flipped, or random text. */
export function corruptText(seeds: JsonObject[]): fc.Arbitrary<string> {
  const texts = seeds.map((s) => JSON.stringify(s));
  return fc.oneof(
    fc.record({ text: fc.constantFrom(...texts), at: fc.nat() }).map(({ text, at }) => text.slice(0, at % text.length)),
    fc
      .record({ text: fc.constantFrom(...texts), at: fc.nat(), insert: fc.string({ minLength: 1, maxLength: 3 }) })
      .map(({ text, at, insert }) => text.slice(0, at % text.length) + insert + text.slice((at % text.length) + 1)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('', ' ', 'null', '[]', '"x"', '1e999', '{"a":', '\u0000', '{}{}'),
  );
}

/** Offsets just after each `{` or `[` outside strings in a JSON text. */
function containerStarts(text: string): number[] {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') out.push(i + 1);
  }
  return out;
}

/**
 * A seed's text with a deeply nested value (1 to 3,000 levels of objects or arrays) spliced in
 * at a random container: JSON.parse accepts any depth, recursive code does not. Built as text,
 * since such values cannot go through JSON.stringify.
 */
export function deeplyNestedText(seeds: JsonObject[]): fc.Arbitrary<string> {
  const texts = seeds.map((s) => JSON.stringify(s));
  const starts = texts.map(containerStarts);
  return fc
    .record({ seed: fc.nat({ max: texts.length - 1 }), at: fc.nat(), depth: fc.integer({ min: 1, max: 3_000 }), objects: fc.boolean() })
    .map(({ seed, at, depth, objects }) => {
      const text = texts[seed];
      const pos = starts[seed][at % starts[seed].length];
      const deep = objects ? '{"type":"object","properties":{"x":'.repeat(depth) + '{}' + '}}'.repeat(depth) : '['.repeat(depth) + '"x"' + ']'.repeat(depth);
      const inObject = text[pos - 1] === '{';
      const empty = text[pos] === '}' || text[pos] === ']';
      return text.slice(0, pos) + (inObject ? '"deep":' : '') + deep + (empty ? '' : ',') + text.slice(pos);
    });
}

/**
 * A seed with one item or content `type` replaced by a type no client sends today: wire-contract
 * §2.1.1 ("pass through or drop; never 400"), §2.2 (server-tool blocks). `typePaths` lists the
 * paths of `type` fields eligible in a body.
 */
export function unknownTypeBody(seeds: JsonObject[], typePaths: (body: JsonObject) => Path[]): fc.Arbitrary<JsonObject> {
  return fc
    .record({ seed: fc.constantFrom(...seeds), at: fc.nat(), suffix: fc.stringMatching(/^[a-z_]{1,16}$/), stream: fc.boolean(), extra: fc.option(anyValue) })
    .map(({ seed, at, suffix, stream, extra }) => {
      const body = { ...structuredClone(seed), stream };
      const paths = typePaths(body);
      if (paths.length === 0) return body;
      const path = paths[at % paths.length];
      const where = parentOf(body, path)!;
      setOwn(where.parent, where.key, `future_${suffix}`);
      if (extra !== null) setOwn(where.parent as JsonObject, `future_field_${suffix}`, structuredClone(extra));
      return body;
    });
}

/** Paths of `<arrayKey>[i].type` and `<arrayKey>[i].<contentKey>[j].type` in a body. */
export function itemTypePaths(arrayKey: string, contentKey: string): (body: JsonObject) => Path[] {
  return (body) => {
    const out: Path[] = [];
    const items = body[arrayKey];
    if (!Array.isArray(items)) return out;
    items.forEach((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return;
      if (typeof item.type === 'string') out.push([arrayKey, i, 'type']);
      const content = item[contentKey];
      if (Array.isArray(content)) {
        content.forEach((part, j) => {
          if (part && typeof part === 'object' && !Array.isArray(part) && typeof part.type === 'string') out.push([arrayKey, i, contentKey, j, 'type']);
        });
      }
    });
    return out;
  };
}

// ---------------------------------------------------------------------------------------
// The target: Lynkr in front of an Ollama mock that answers at once

export interface FuzzTarget {
  url: string;
  upstream: MockUpstream;
  server: RunningServer;
  close(): Promise<void>;
}

export async function startFuzzTarget(): Promise<FuzzTarget> {
  const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'fuzz ok', usage: { input: 10, output: 2 } }) });
  const nowhere = await refusedUrl();
  const server = await startServer({
    env: {
      MODEL_PROVIDER: 'ollama',
      OLLAMA_ENDPOINT: upstream.url,
      // Nothing may leave loopback, whatever a fuzzed model name says.
      OPENAI_ENDPOINT: nowhere,
      OPENROUTER_ENDPOINT: nowhere,
      ANTHROPIC_ENDPOINT: nowhere,
      LLAMACPP_ENDPOINT: nowhere,
      LMSTUDIO_ENDPOINT: nowhere,
      UPSTREAM_MAX_RETRIES: '0',
      LYNKR_MAX_BODY_MB: '4',
      // Every case must run the whole path, not a cached answer to an equal body.
      PROMPT_CACHE_ENABLED: 'false',
    },
    port: 0,
    logger: pino({ level: 'silent' }),
  });
  return {
    url: server.url,
    upstream,
    server,
    async close() {
      await server.close();
      await upstream.close();
    },
  };
}

// ---------------------------------------------------------------------------------------
// Checking an answer

export type Dialect = 'openai' | 'anthropic';

export interface Answer {
  status: number;
  contentType: string;
  requestId: string | null;
  text: string;
}

/** Per-codec statistics for the closing report. */
export class FuzzStats {
  readonly byStatus = new Map<number, number>();
  readonly byKind = new Map<string, number>();
  total = 0;
  record(kind: string, status: number): void {
    this.total++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }
  toString(): string {
    const kinds = [...this.byKind].map(([k, n]) => `${k} ${n}`).join(', ');
    const statuses = [...this.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    return `${this.total} cases (${kinds}); statuses ${statuses}`;
  }
}

/** POSTs raw text; a hang fails the case after `timeoutMs`. */
export async function post(url: string, text: string, timeoutMs = 10_000): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: text,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', requestId: res.headers.get('x-request-id'), text: await res.text() };
}

/** The terminal marker a complete stream of each route ends with, and the object a complete JSON answer is. */
export interface RouteShape {
  dialect: Dialect;
  streamEnd: RegExp;
  isCompleteJson(body: Record<string, unknown>): boolean;
}

/**
 * Asserts an answer is a 2xx (complete) or a well-formed 4xx in the route's dialect. With
 * `mustSucceed`, only a complete 2xx passes.
 */
export function checkAnswer(answer: Answer, shape: RouteShape, mustSucceed = false): void {
  const where = `status ${answer.status}: ${answer.text.slice(0, 300)}`;
  assert.ok(answer.requestId, `x-request-id missing (${where})`);
  assert.ok(answer.status < 500, `server error (${where})`);
  if (mustSucceed) assert.ok(answer.status >= 200 && answer.status < 300, `expected a 2xx (${where})`);
  if (answer.status >= 200 && answer.status < 300) {
    if (answer.contentType.startsWith('text/event-stream')) {
      assert.match(answer.text, shape.streamEnd, `stream did not complete (${answer.text.slice(-300)})`);
    } else {
      const body = JSON.parse(answer.text) as Record<string, unknown>;
      assert.ok(shape.isCompleteJson(body), `incomplete JSON answer (${where})`);
    }
    return;
  }
  assert.ok(answer.status >= 400, `unexpected status (${where})`);
  assert.match(answer.contentType, /^application\/json/, `error is not JSON (${where})`);
  const body = JSON.parse(answer.text) as Record<string, any>;
  if (shape.dialect === 'openai') {
    assert.equal(typeof body.error?.message, 'string', `OpenAI error shape (${where})`);
    assert.equal(typeof body.error?.type, 'string', `OpenAI error shape (${where})`);
    assert.ok('code' in body.error && 'param' in body.error, `OpenAI error shape (${where})`);
  } else {
    assert.equal(body.type, 'error', `Anthropic error shape (${where})`);
    assert.equal(typeof body.error?.type, 'string', `Anthropic error shape (${where})`);
    assert.equal(typeof body.error?.message, 'string', `Anthropic error shape (${where})`);
    assert.equal(body.request_id, answer.requestId, `Anthropic error request_id (${where})`);
  }
}

/** fast-check parameters: FUZZ_SEED replays a run, FUZZ_SCALE multiplies the number of cases. */
export function runParams(numRuns: number): fc.Parameters<unknown> {
  const scale = Number(process.env.FUZZ_SCALE ?? '1');
  const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
  return { numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))), seed, endOnFailure: true };
}

// ---------------------------------------------------------------------------------------
// The suite every ingress route runs

/** One ingress route under fuzz: where it is, what it is seeded with and what a good answer looks like. */
export interface IngressFuzzSuite {
  /** `describe` title after `fuzz: ` (`Responses ingress`). */
  name: string;
  /** Prefix of the closing statistics line (`Responses`). */
  statsLabel: string;
  /** Path and query of the route (`/v1/responses`). */
  path: string;
  seeds: JsonObject[];
  /** What the seeds are, in the mutation test's title (`Codex captures`). */
  seedsNoun: string;
  /** Assert first that every seed is a valid request (a complete 2xx). */
  seedsMustSucceed?: boolean;
  shape: RouteShape;
  /** Top-level field names of the dialect, for generated bodies. */
  fields: string[];
  /** The types replaced by unknown ones: their paths, and what they are in the test's title. */
  unknownTypes: { noun: string; paths: (body: JsonObject) => Path[] };
}

const DIALECT_NAME: Record<Dialect, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/**
 * Declares the fuzz suite of one ingress route: mutated seeds, generated bodies, corrupted
 * bytes, deeply nested values and unknown types, each case checked by `checkAnswer`, then a
 * health check that prints the statistics.
 * @example
 * describeIngressFuzz({ name: 'Responses ingress', statsLabel: 'Responses', path: '/v1/responses', seeds, seedsNoun: 'Codex captures', shape, fields, unknownTypes: { noun: 'item and content types', paths: itemTypePaths('input', 'content') } });
 */
export function describeIngressFuzz(suite: IngressFuzzSuite): void {
  const { seeds, shape, fields, unknownTypes } = suite;
  describe(`fuzz: ${suite.name}`, () => {
    let target: FuzzTarget;
    const stats = new FuzzStats();
    before(async () => {
      target = await startFuzzTarget();
    });
    after(() => target.close());

    const run = async (kind: string, text: string, mustSucceed = false) => {
      const answer = await post(`${target.url}${suite.path}`, text);
      stats.record(kind, answer.status);
      target.upstream.requests.length = 0;
      target.upstream.turnRequests.length = 0;
      checkAnswer(answer, shape, mustSucceed);
    };

    if (suite.seedsMustSucceed) {
      test('seeds are valid requests', async () => {
        for (const seed of seeds) await run('seed', JSON.stringify(seed), true);
      });
    }

    test(`mutated ${suite.seedsNoun}: a 2xx or an ${DIALECT_NAME[shape.dialect]}-shaped 4xx, never a 5xx`, async () => {
      await fc.assert(fc.asyncProperty(mutatedBody(seeds), (body) => run('mutated', JSON.stringify(body))), runParams(600));
    });

    test('generated bodies', async () => {
      await fc.assert(fc.asyncProperty(generatedBody(fields), (body) => run('generated', JSON.stringify(body))), runParams(250));
    });

    test('corrupted bytes', async () => {
      await fc.assert(fc.asyncProperty(corruptText(seeds), (text) => run('corrupt', text)), runParams(250));
    });

    test('deeply nested values: a 400 past the nesting limit, never a stack overflow', async () => {
      await fc.assert(fc.asyncProperty(deeplyNestedText(seeds), (text) => run('deep', text)), runParams(100));
    });

    test(`unknown ${unknownTypes.noun} are tolerated: always a complete 2xx`, async () => {
      await fc.assert(
        fc.asyncProperty(unknownTypeBody(seeds, unknownTypes.paths), (body) => run('unknown-type', JSON.stringify(body), true)),
        runParams(150),
      );
    });

    test('the server is still healthy', async (t) => {
      const res = await fetch(`${target.url}/health`);
      if (res.status !== 200) throw new Error(`health ${res.status}`);
      t.diagnostic(`${suite.statsLabel}: ${stats}`);
    });
  });
}
