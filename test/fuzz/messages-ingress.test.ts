/**
 * Fuzzing the Anthropic Messages ingress (`POST /v1/messages`, wire-contract §2.2) through the
 * real server: mutated Claude Code 2.1.197 captures, generated bodies, corrupted bytes, and
 * unknown content-block types (tolerated, never a 400). Errors must be Anthropic-shaped with
 * the `request_id` (§4).
 */
import { describeIngressFuzz, fixtureBodies, itemTypePaths, withSmallVariants } from './fuzz-support.js';

describeIngressFuzz({
  name: 'Anthropic Messages ingress',
  statsLabel: 'Messages',
  path: '/v1/messages?beta=true',
  seeds: withSmallVariants(Object.values(fixtureBodies('claude-code-2.1.197'))),
  seedsNoun: 'Claude Code captures',
  shape: {
    dialect: 'anthropic',
    streamEnd: /event: message_stop\n[^\n]*\n\n$/,
    isCompleteJson: (b) => b.type === 'message' && typeof b.stop_reason === 'string',
  },
  fields: ['model', 'messages', 'system', 'tools', 'tool_choice', 'max_tokens', 'metadata', 'thinking', 'output_config', 'context_management', 'stream', 'temperature', 'stop_sequences', 'top_p', 'top_k'],
  unknownTypes: { noun: 'content-block types', paths: itemTypePaths('messages', 'content') },
});
