import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheBreakpointsStage } from '../../../src/pipeline/cache/cache-breakpoints-stage.js';
import { tokenOptimizationStage } from '../../../src/pipeline/optimize/token-optimization-stage.js';
import { estimateRequestTokens } from '../../../src/ir/helpers.js';
import { sessionRequest } from './session.js';
import { stageContext } from './stage-context.js';

const long = () => sessionRequest({ rounds: 6, outputChars: 5000 });

test('token optimisation applies to translated requests toward Ollama and OpenAI-compatible chat', async () => {
  for (const dialect of ['ollama', 'openai-chat'] as const) {
    const req = long();
    const out = await tokenOptimizationStage.beforeCall!(req, stageContext({ req, dialect }));
    assert.notEqual(out, req, dialect);
    assert.ok(estimateRequestTokens(out) < estimateRequestTokens(req) * 0.5, `${dialect}: ${estimateRequestTokens(out)} of ${estimateRequestTokens(req)}`);
  }
});

test('token optimisation never touches pass-through requests, prompt-caching upstreams, or TOKEN_OPTIMIZATION=off', async () => {
  const cases = [
    { dialect: 'openai-chat' as const, passthroughCandidate: true },
    { dialect: 'anthropic-messages' as const },
    { dialect: 'bedrock-converse' as const },
    { dialect: 'openai-responses' as const },
    { dialect: 'ollama' as const, env: { TOKEN_OPTIMIZATION: 'off' } },
  ];
  for (const c of cases) {
    const req = long();
    assert.equal(await tokenOptimizationStage.beforeCall!(req, stageContext({ req, ...c })), req, JSON.stringify(c));
  }
});

test('cache breakpoints are placed toward Anthropic and Bedrock only, never on the pass-through path', async () => {
  const marked = (r: ReturnType<typeof long>) => r.system.some((p) => p.cacheControl !== undefined);
  for (const dialect of ['anthropic-messages', 'bedrock-converse'] as const) {
    const req = long();
    assert.ok(marked(await cacheBreakpointsStage.beforeCall!(req, stageContext({ req, dialect }))), dialect);
  }
  for (const c of [{ dialect: 'anthropic-messages' as const, passthroughCandidate: true }, { dialect: 'ollama' as const }, { dialect: 'openai-chat' as const }]) {
    const req = long();
    assert.equal(await cacheBreakpointsStage.beforeCall!(req, stageContext({ req, ...c })), req, JSON.stringify(c));
  }
});
