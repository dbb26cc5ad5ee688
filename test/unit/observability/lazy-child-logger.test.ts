import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { lazyChildLoggerFactory } from '../../../src/observability/lazy-child-logger.js';
import { createLogger } from '../../../src/observability/logger.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger({ level, secrets: ['sk-secret-value'], destination });
  let children = 0;
  const child = log.child.bind(log) as (...args: unknown[]) => unknown;
  (log as unknown as { child: (...args: unknown[]) => unknown }).child = (...args: unknown[]) => {
    children++;
    return child(...args);
  };
  return { log: log as unknown as FastifyBaseLogger, lines, children: () => children };
}

test('a request logger writes through a real child with the request id, built only when a line is written', async () => {
  const { log, lines, children } = capture('info');
  const requestLog = lazyChildLoggerFactory(log, { reqId: 'req_1' }, {});
  requestLog.debug('not at this level');
  assert.equal(children(), 0, 'no child for a line below the level');
  assert.equal((requestLog as unknown as { isLevelEnabled(l: string): boolean }).isLevelEnabled('debug'), false);
  requestLog.warn({ key: 'sk-secret-value' }, 'upstream count_tokens failed');
  requestLog.error('second');
  assert.equal(children(), 1, 'one child, built on the first line');
  await new Promise((r) => setTimeout(r, 50));
  const written = lines.filter((l) => l.reqId === 'req_1');
  assert.deepEqual(
    written.map((l) => l.msg),
    ['upstream count_tokens failed', 'second'],
  );
  assert.equal(written[0].key, '***', 'the child keeps the parent redaction');
});

test('the level of a request logger follows its parent until it is set on the request', () => {
  const { log } = capture('warn');
  const requestLog = lazyChildLoggerFactory(log, { reqId: 'req_2' }, {});
  assert.equal(requestLog.level, 'warn');
  requestLog.level = 'debug';
  assert.equal(requestLog.level, 'debug');
  assert.equal(log.level, 'warn');
});
