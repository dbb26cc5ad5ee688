import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anthropicMessagesCodec } from '../../../src/dialects/anthropic-messages/index.js';
import { compactSchema, compactToolSchemas, tidyDescription } from '../../../src/pipeline/optimize/compact-tool-schemas.js';
import type { IrFunctionTool } from '../../../src/ir/types.js';
import { loadCaptured } from '../../support/fixtures.js';

test('annotations and unbounded integer limits go; names, types, enums, required, defaults stay', () => {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Args',
    type: 'object',
    properties: {
      title: { type: 'string', title: 'Title', description: 'The title.  \n\n\n\nKeep it short.', examples: ['x'] },
      limit: { type: 'integer', minimum: 0, maximum: 9007199254740991, default: 10 },
      mode: { anyOf: [{ type: 'string', enum: ['a', 'b'], $comment: 'c' }, { type: 'null' }] },
      items: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer', exclusiveMinimum: 0, maximum: 9007199254740991 } }, additionalProperties: false } },
    },
    required: ['title'],
    additionalProperties: false,
  };
  assert.deepEqual(compactSchema(schema), {
    type: 'object',
    properties: {
      title: { type: 'string', description: 'The title.\n\nKeep it short.' },
      limit: { type: 'integer', minimum: 0, default: 10 },
      mode: { anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] },
      items: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer', exclusiveMinimum: 0 } }, additionalProperties: false } },
    },
    required: ['title'],
    additionalProperties: false,
  });
  assert.equal(tidyDescription('  a  \n\n\n\nb  '), 'a\n\nb');
});

test("Claude Code's tool list gets smaller and keeps every tool and parameter", () => {
  const req = anthropicMessagesCodec.decodeRequest(loadCaptured('claude-code-2.1.197').find((c) => c.name === 'tool-turn2')!.body);
  const { req: out, removedChars } = compactToolSchemas(req);
  assert.ok(removedChars > 0);
  assert.equal(JSON.stringify(req.tools).length - JSON.stringify(out.tools).length, removedChars);
  assert.deepEqual(out.tools.map((t) => t.kind !== 'hosted' && t.name), req.tools.map((t) => t.kind !== 'hosted' && t.name));
  for (const [i, t] of out.tools.entries()) {
    if (t.kind !== 'function') continue;
    const before = req.tools[i] as IrFunctionTool;
    assert.deepEqual(Object.keys((t.parameters.properties as object) ?? {}), Object.keys((before.parameters.properties as object) ?? {}), t.name);
    assert.deepEqual(t.parameters.required, before.parameters.required, t.name);
    assert.equal(JSON.stringify(t.parameters).includes('$schema'), false);
  }
  assert.equal(compactToolSchemas(out).req, out, 'compacting twice changes nothing more');
});

test('a tool list seen before is compacted from the cache: the same result, shared and frozen; a changed tool is compacted anew', () => {
  const decode = () => anthropicMessagesCodec.decodeRequest(loadCaptured('claude-code-2.1.197').find((c) => c.name === 'tool-turn2')!.body);
  const first = compactToolSchemas(decode());
  const second = compactToolSchemas(decode());
  assert.equal(second.removedChars, first.removedChars);
  assert.deepEqual(second.req.tools, first.req.tools);
  const shared = second.req.tools.filter((t, i) => t === first.req.tools[i]);
  assert.ok(shared.length > 0, 'compacted tools are shared between requests');
  for (const t of shared) assert.ok(Object.isFrozen(t), 'a shared tool cannot be changed by one request');

  const changed = decode();
  const tool = changed.tools.find((t): t is IrFunctionTool => t.kind === 'function' && first.req.tools.includes(t) === false)!;
  (tool.parameters as Record<string, unknown>).title = 'Now with a title';
  tool.description = `${tool.description}  \n\n\n\nMore.`;
  const third = compactToolSchemas(changed);
  const out = third.req.tools.find((t) => t.kind === 'function' && t.name === tool.name) as IrFunctionTool;
  assert.ok(out.description?.endsWith('\n\nMore.'), 'the changed description is compacted, not taken from the cache');
  assert.equal('title' in out.parameters, false);
});
