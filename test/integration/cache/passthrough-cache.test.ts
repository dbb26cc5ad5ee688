/**
 * Streamed answers on the pass-through fast path are stored in the prompt cache too:
 * a Chat client toward OpenAI asking the same question twice costs one upstream call.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import OpenAI from 'openai';
import { withLynkr } from '../../support/lynkr.js';
import { startMockUpstream } from '../../support/mock-upstream/index.js';

test('a pass-through streamed chat answer is replayed from the prompt cache', async () => {
  const upstream = await startMockUpstream({ dialect: 'openai-chat', apiKey: 'sk-pt', script: () => ({ text: 'forty-two', usage: { input: 10, output: 2 } }) });
  const dataDir = await mkdtemp(join(tmpdir(), 'lynkr-ptc-'));
  try {
    await withLynkr({ MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-pt', OPENAI_ENDPOINT: `${upstream.url}/v1`, LYNKR_DATA_DIR: dataDir }, async (url) => {
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });
      const ask = async () => {
        const { data, response } = await client.chat.completions
          .create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'the answer?' }] })
          .withResponse();
        let text = '';
        for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
        return { text, provider: response.headers.get('x-lynkr-provider') };
      };
      const first = await ask();
      const second = await ask();
      assert.equal(first.text, 'forty-two');
      assert.equal(second.text, 'forty-two');
      assert.equal(upstream.turnRequests.length, 1, 'the second answer came from the cache');
    });
  } finally {
    await upstream.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
