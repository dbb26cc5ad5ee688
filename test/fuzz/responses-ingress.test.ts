/**
 * Fuzzing the Responses ingress (`POST /v1/responses`, wire-contract §2.1) through the real
 * server: mutated Codex 0.169.0 captures, generated bodies, corrupted bytes, and unknown
 * item/content types (§2.1.1: tolerated, never a 400).
 */
import { describeIngressFuzz, fixtureBodies, itemTypePaths, withSmallVariants } from './fuzz-support.js';

describeIngressFuzz({
  name: 'Responses ingress',
  statsLabel: 'Responses',
  path: '/v1/responses',
  seeds: withSmallVariants(Object.values(fixtureBodies('codex-0.169.0'))),
  seedsNoun: 'Codex captures',
  shape: {
    dialect: 'openai',
    streamEnd: /event: response\.completed\n[^\n]*\n\n$/,
    isCompleteJson: (b) => b.object === 'response' && b.status === 'completed',
  },
  fields: ['model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'reasoning', 'store', 'stream', 'include', 'text', 'max_output_tokens', 'temperature', 'previous_response_id', 'metadata'],
  unknownTypes: { noun: 'item and content types', paths: itemTypePaths('input', 'content') },
});
