/**
 * @module bench/tokens/run-token-bench
 * `npm run bench:tokens`: the token benchmark of issue 8. Replays a multi-round Codex session
 * and a Claude Code session (bench/tokens/agent-sessions.ts) as they reach a local model
 * through Lynkr, once without token optimisation, once per technique alone and once with all
 * of them (TOKEN_OPTIMIZATION's default), and prints one table per session plus the JSON
 * (also written to bench/results/tokens-latest.json). Deterministic: no network, no clock.
 *
 * Options: --json (print only the JSON)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TECHNIQUES, type Technique } from '../../src/pipeline/optimize/optimize-request.js';
import { formatTable } from '../lib/print-table.js';
import { claudeCodeSession, codexSession } from './agent-sessions.js';
import { measureSession, type SessionFigures } from './measure-session.js';

const VARIANTS: Array<{ name: string; techniques: readonly Technique[] }> = [
  { name: 'off (TOKEN_OPTIMIZATION=off)', techniques: [] },
  ...TECHNIQUES.map((t) => ({ name: t, techniques: [t] })),
  { name: 'all (default)', techniques: TECHNIQUES },
];

interface Row extends SessionFigures {
  variant: string;
  /** Fraction fewer than with optimisation off. */
  lastRequestReduction: number;
  sessionReduction: number;
  prefillReduction: number;
}

const reduction = (value: number, base: number) => (base > 0 ? 1 - value / base : 0);
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

export function runTokenBench(): Record<string, Row[]> {
  const results: Record<string, Row[]> = {};
  for (const session of [codexSession(), claudeCodeSession()]) {
    const rows = VARIANTS.map((v) => ({ variant: v.name, ...measureSession(session, v.techniques) }));
    const off = rows[0];
    results[session.name] = rows.map((r) => ({
      ...r,
      lastRequestReduction: reduction(r.lastRequestTokens, off.lastRequestTokens),
      sessionReduction: reduction(r.sessionTokens, off.sessionTokens),
      prefillReduction: reduction(r.prefillTokens, off.prefillTokens),
    }));
  }
  return results;
}

function main(): void {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  const results = runTokenBench();
  const json = JSON.stringify({ tokenizer: 'o200k_base', upstream: 'ollama /api/chat body', sessions: results }, null, 2);
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}tokens-latest.json`, `${json}\n`);
  if (values.json) {
    console.log(json);
    return;
  }
  for (const [session, rows] of Object.entries(results)) {
    console.log(
      formatTable(
        `${session}: ${rows[0].requests} requests (task + ${rows[0].requests - 1} tool rounds), tokens sent to a local model`,
        ['technique', 'last request', 'fewer', 'last bytes', 'session total', 'fewer', 'prefill (KV cache)', 'fewer', 'prefix breaks'],
        rows.map((r) => [
          r.variant,
          r.lastRequestTokens,
          percent(r.lastRequestReduction),
          r.lastRequestBytes,
          r.sessionTokens,
          percent(r.sessionReduction),
          r.prefillTokens,
          percent(r.prefillReduction),
          String(r.prefixBreaks),
        ]),
      ),
    );
  }
  console.log(`\nJSON: ${dir}tokens-latest.json`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
