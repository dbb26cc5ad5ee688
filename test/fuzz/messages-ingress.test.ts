/**
 * Fuzzing the Anthropic Messages ingress (`POST /v1/messages`, wire-contract §2.2) through the
 * real server: mutated Claude Code 2.1.197 captures, generated bodies, corrupted bytes, and
 * unknown content-block types (tolerated, never a 400). Errors must be Anthropic-shaped with
 * the `request_id` (§4).
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

const seeds = withSmallVariants(Object.values(fixtureBodies('claude-code-2.1.197')));
const shape: RouteShape = {
  dialect: 'anthropic',
  streamEnd: /event: message_stop\n[^\n]*\n\n$/,
  isCompleteJson: (b) => b.type === 'message' && typeof b.stop_reason === 'string',
};
const FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'max_tokens', 'metadata', 'thinking', 'output_config', 'context_management', 'stream', 'temperature', 'stop_sequences', 'top_p', 'top_k'];

describe('fuzz: Anthropic Messages ingress', () => {
  let target: FuzzTarget;
  const stats = new FuzzStats();
  before(async () => {
    target = await startFuzzTarget();
  });
  after(() => target.close());

  const run = async (kind: string, text: string, mustSucceed = false) => {
    const answer = await post(`${target.url}/v1/messages?beta=true`, text);
    stats.record(kind, answer.status);
    target.upstream.requests.length = 0;
    target.upstream.turnRequests.length = 0;
    checkAnswer(answer, shape, mustSucceed);
  };

  test('mutated Claude Code captures: a 2xx or an Anthropic-shaped 4xx, never a 5xx', async () => {
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

  test('unknown content-block types are tolerated: always a complete 2xx', async () => {
    await fc.assert(
      fc.asyncProperty(unknownTypeBody(seeds, itemTypePaths('messages', 'content')), (body) => run('unknown-type', JSON.stringify(body), true)),
      runParams(150),
    );
  });

  test('the server is still healthy', async (t) => {
    const res = await fetch(`${target.url}/health`);
    if (res.status !== 200) throw new Error(`health ${res.status}`);
    t.diagnostic(`Messages: ${stats}`);
  });
});
