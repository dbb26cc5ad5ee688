/**
 * The remote-server setup of docs/reliability.md, on the real process: a non-loopback HOST
 * without keys refuses to start and says what to set (Redis's protected-mode precedent);
 * with LYNKR_API_KEYS it serves the network and asks every caller for a key;
 * LYNKR_ALLOW_UNAUTHENTICATED=true is the explicit, logged opt-out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startMockUpstream } from '../../support/mock-upstream/index.js';
import { spawnLynkr } from './spawn-lynkr.js';
import { DIALECTS, send } from './support.js';

describe('HOST=0.0.0.0', () => {
  test('without keys: exits 1 before listening, naming LYNKR_API_KEYS and LYNKR_ALLOW_UNAUTHENTICATED', async () => {
    const err = (await spawnLynkr({ HOST: '0.0.0.0' }).then(
      () => assert.fail('Lynkr started on 0.0.0.0 without keys'),
      (e: unknown) => e,
    )) as { exitCode: number; output: string };
    assert.equal(err.exitCode, 1);
    assert.match(err.output, /HOST: is not a loopback address.*set LYNKR_API_KEYS=<key1,key2> or LYNKR_ALLOW_UNAUTHENTICATED=true/);
    assert.doesNotMatch(err.output, /Lynkr listening/);
  });

  test('with LYNKR_API_KEYS: serves callers that present a key, refuses the others', async () => {
    const upstream = await startMockUpstream({ dialect: 'ollama', script: () => ({ text: 'remote ok' }) });
    const key = 'remote-key-4b1d9e2a';
    const lynkr = await spawnLynkr({ HOST: '0.0.0.0', LYNKR_API_KEYS: key, OLLAMA_ENDPOINT: upstream.url });
    try {
      const listening = lynkr.logs().find((l) => l.msg === 'Lynkr listening');
      assert.equal(listening?.host, '0.0.0.0');
      for (const d of DIALECTS) {
        assert.equal((await send(lynkr.url + d.path, d.body(false))).status, 401, d.name);
        const ok = await send(lynkr.url + d.path, d.body(false), d.errorShape === 'anthropic' ? { 'x-api-key': key } : { authorization: `Bearer ${key}` });
        assert.equal(ok.status, 200, d.name);
        assert.equal(d.text(ok), 'remote ok');
      }
      assert.equal((await fetch(lynkr.url + '/health')).status, 200, 'probes stay open');
    } finally {
      await lynkr.dispose();
      await upstream.close();
    }
  });

  test('LYNKR_ALLOW_UNAUTHENTICATED=true starts without keys, with a warning in the log', async () => {
    const lynkr = await spawnLynkr({ HOST: '0.0.0.0', LYNKR_ALLOW_UNAUTHENTICATED: 'true', OLLAMA_ENDPOINT: 'http://127.0.0.1:9' });
    try {
      assert.ok(lynkr.logs().some((l) => l.level === 40 && /accepts clients without a key/.test(String(l.msg))), lynkr.output());
      assert.equal((await fetch(lynkr.url + '/v1/models')).status, 200);
    } finally {
      await lynkr.dispose();
    }
  });
});
