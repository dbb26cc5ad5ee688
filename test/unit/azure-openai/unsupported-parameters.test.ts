/**
 * Adjusting a request for what an Azure deployment's model rejects, read from Azure's own 400
 * bodies: dropped or renamed once, remembered per deployment, anything else left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LynkrError } from '../../../src/ir/errors.js';
import { ParameterAdjustments, rejectedParameter } from '../../../src/providers/unsupported-parameters.js';

/** A 400 as the http adapter throws it: the codec's error (cause: the body) wrapped once more. */
function azure400(error: Record<string, unknown>): LynkrError {
  const inner = new LynkrError('upstream_bad_request', String(error.message), { cause: { error }, upstreamStatus: 400 });
  return new LynkrError('upstream_bad_request', `azure-openai: ${inner.message}`, { cause: inner, upstreamStatus: 400 });
}

const REASONING_EFFORT = azure400({
  message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
  type: 'invalid_request_error',
  param: 'reasoning_effort',
  code: 'unsupported_parameter',
});
const MAX_TOKENS = azure400({
  message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
  type: 'invalid_request_error',
  param: 'max_tokens',
  code: 'unsupported_parameter',
});

test('reads the parameter from error.param, or from the message of older API versions', () => {
  assert.equal(rejectedParameter(REASONING_EFFORT), 'reasoning_effort');
  assert.equal(rejectedParameter(azure400({ message: 'Unrecognized request argument supplied: stream_options', code: null, param: null })), 'stream_options');
  assert.equal(rejectedParameter(azure400({ message: "Unsupported value: 'temperature' does not support 0.2 with this model.", code: 'unsupported_value', param: 'temperature' })), 'temperature');
  assert.equal(rejectedParameter(new LynkrError('upstream_auth', 'no', { upstreamStatus: 401, cause: { error: { param: 'x', code: 'unsupported_parameter' } } })), undefined);
});

test('learned adjustments apply to that deployment only, once each', () => {
  const adj = new ParameterAdjustments();
  const body = { model: 'd', max_tokens: 100, reasoning_effort: 'high', messages: [] };
  assert.equal(adj.learn('d', REASONING_EFFORT), true);
  assert.equal(adj.learn('d', REASONING_EFFORT), false, 'a second rejection of the same parameter is final');
  assert.equal(adj.learn('d', MAX_TOKENS), true);
  assert.deepEqual(adj.apply('d', body), { model: 'd', messages: [], max_completion_tokens: 100 });
  assert.deepEqual(body.reasoning_effort, 'high', 'the original body is not mutated');
  assert.equal(adj.apply('other', body), body);
});

test('nested Responses parameters: reasoning.summary drops only the summary; unknown parameters are not adjusted', () => {
  const adj = new ParameterAdjustments();
  assert.equal(adj.learn('d', azure400({ message: "Unsupported parameter: 'reasoning.summary' is not supported with this model.", param: 'reasoning.summary', code: 'unsupported_parameter' })), true);
  assert.deepEqual(adj.apply('d', { reasoning: { effort: 'low', summary: 'auto' } }), { reasoning: { effort: 'low' } });
  assert.equal(adj.learn('d', azure400({ message: "Unsupported parameter: 'tools' is not supported with this model.", param: 'tools', code: 'unsupported_parameter' })), false);
  assert.equal(adj.learn('d', azure400({ message: 'Invalid schema for function Bash', param: 'tools[0]', code: 'invalid_function_parameters' })), false);
});
