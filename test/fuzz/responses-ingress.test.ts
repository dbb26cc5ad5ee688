/**
 * Fuzzing the Responses ingress (`POST /v1/responses`, wire-contract §2.1) through the real
 * server: mutated Codex 0.169.0 captures, generated bodies, corrupted bytes, and unknown
 * item/content types (§2.1.1: tolerated, never a 400).
 */
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  checkAnswer,
  corruptText,
  deeplyNestedText,
  fixtureBodies,
  FuzzStats,
  generatedBody,
  itemTypePaths,
  mutatedBody,
  post,
  runParams,
  startFuzzTarget,
  unknownTypeBody,
  withSmallVariants,
  type FuzzTarget,
  type RouteShape,
} from './fuzz-support.js';

const seeds = withSmallVariants(Object.values(fixtureBodies('codex-0.169.0')));
const shape: RouteShape = {
  dialect: 'openai',
  streamEnd: /event: response\.completed\n[^\n]*\n\n$/,
  isCompleteJson: (b) => b.object === 'response' && b.status === 'completed',
};
const FIELDS = ['model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'reasoning', 'store', 'stream', 'include', 'text', 'max_output_tokens', 'temperature', 'previous_response_id', 'metadata'];

describe('fuzz: Responses ingress', () => {
  let target: FuzzTarget;
  const stats = new FuzzStats();
  before(async () => {
    target = await startFuzzTarget();
  });
  after(() => target.close());

  const run = async (kind: string, text: string, mustSucceed = false) => {
    const answer = await post(`${target.url}/v1/responses`, text);
    stats.record(kind, answer.status);
    target.upstream.requests.length = 0;
    target.upstream.turnRequests.length = 0;
    checkAnswer(answer, shape, mustSucceed);
  };

  test('mutated Codex captures: a 2xx or an OpenAI-shaped 4xx, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(mutatedBody(seeds), (body) => run('mutated', JSON.stringify(body))), runParams(600));
  });

  test('generated bodies', async () => {
    await fc.assert(fc.asyncProperty(generatedBody(FIELDS), (body) => run('generated', JSON.stringify(body))), runParams(250));
  });

  test('corrupted bytes', async () => {
    await fc.assert(fc.asyncProperty(corruptText(seeds), (text) => run('corrupt', text)), runParams(250));
  });

  test('deeply nested values: a 400 past the nesting limit, never a stack overflow', async () => {
    await fc.assert(fc.asyncProperty(deeplyNestedText(seeds), (text) => run('deep', text)), runParams(100));
  });

  test('unknown item and content types are tolerated: always a complete 2xx', async () => {
    await fc.assert(
      fc.asyncProperty(unknownTypeBody(seeds, itemTypePaths('input', 'content')), (body) => run('unknown-type', JSON.stringify(body), true)),
      runParams(150),
    );
  });

  test('the server is still healthy', async (t) => {
    const res = await fetch(`${target.url}/health`);
    if (res.status !== 200) throw new Error(`health ${res.status}`);
    t.diagnostic(`Responses: ${stats}`);
  });
});
