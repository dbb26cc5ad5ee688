/**
 * @module observability/record-request
 * What happens once per finished model request: Prometheus metrics, the usage store (for
 * `/metrics/token-usage` and the dashboard) and the one structured access-log line. Called
 * when the HTTP response closes (see `observe-requests.ts`), whether it finished or the
 * client went away.
 */
import type { RequestSummary } from '../pipeline/handle-model-request.js';
import type { UsageStore } from '../store/usage-store.js';
import type { Logger } from './logger.js';
import {
  estimatedUsageRequestsTotal,
  requestDurationSeconds,
  requestsTotal,
  timeToFirstTokenSeconds,
  tokensTotal,
  upstreamErrorsTotal,
  upstreamLatencySeconds,
} from './metrics.js';

export interface CompletedRequest {
  requestId: string;
  /** The route as registered, e.g. `/v1/chat/completions`. */
  route: string;
  /** HTTP status sent (200 for a stream, even when it later ended with an in-stream error). */
  status: number;
  summary: RequestSummary;
  durationMs: number;
  /** The client went away before the answer was complete. */
  aborted: boolean;
  /** Epoch milliseconds. */
  at: number;
}

/** Error codes that describe the client's request or Lynkr itself, not the upstream. */
const NOT_UPSTREAM = new Set(['invalid_request', 'invalid_json', 'unauthorized', 'not_found', 'request_too_large', 'internal']);

export function recordRequest(done: CompletedRequest, deps: { usage: UsageStore; log: Logger }): void {
  const { summary } = done;
  const provider = summary.provider ?? 'none';
  const model = summary.modelUsed ?? 'none';
  // A cache hit (a stage answered, the upstream was not called) consumed no upstream tokens.
  const usage = summary.answeredBy ? undefined : summary.usage;

  requestsTotal.inc({ route: done.route, provider, model, status: String(done.status) });
  if (usage) {
    tokensTotal.inc({ provider, model, type: 'input' }, usage.inputTokens);
    tokensTotal.inc({ provider, model, type: 'output' }, usage.outputTokens);
    tokensTotal.inc({ provider, model, type: 'cached' }, usage.cachedInputTokens ?? 0);
    tokensTotal.inc({ provider, model, type: 'reasoning' }, usage.reasoningTokens ?? 0);
    if (usage.estimated) estimatedUsageRequestsTotal.inc({ provider, model });
  }
  requestDurationSeconds.observe({ route: done.route, provider }, done.durationMs / 1000);
  if (summary.upstreamLatencyMs !== undefined) upstreamLatencySeconds.observe({ provider }, summary.upstreamLatencyMs / 1000);
  if (summary.firstTokenMs !== undefined) timeToFirstTokenSeconds.observe({ provider, model }, summary.firstTokenMs / 1000);
  if (summary.error && summary.provider && !NOT_UPSTREAM.has(summary.error.code)) upstreamErrorsTotal.inc({ provider, kind: summary.error.code });

  deps.usage.add({
    at: done.at,
    provider,
    model,
    error: summary.error !== undefined || done.status >= 400,
    estimated: usage?.estimated === true,
    cacheHit: summary.answeredBy !== undefined,
    input: usage?.inputTokens ?? 0,
    output: usage?.outputTokens ?? 0,
    cached: usage?.cachedInputTokens ?? 0,
    cacheWrite: usage?.cacheWriteInputTokens ?? 0,
    reasoning: usage?.reasoningTokens ?? 0,
  });

  deps.log.info(
    {
      requestId: done.requestId,
      route: done.route,
      provider: summary.provider,
      modelRequested: summary.modelRequested,
      modelUsed: summary.modelUsed,
      stream: summary.stream,
      status: done.status,
      inputTokens: summary.usage?.inputTokens,
      outputTokens: summary.usage?.outputTokens,
      cachedTokens: summary.usage?.cachedInputTokens,
      reasoningTokens: summary.usage?.reasoningTokens,
      usageEstimated: summary.usage?.estimated || undefined,
      cache: summary.answeredBy ? `hit (${summary.answeredBy})` : undefined,
      finishReason: summary.finishReason,
      error: summary.error,
      aborted: done.aborted || undefined,
      durationMs: Math.round(done.durationMs),
      upstreamLatencyMs: summary.upstreamLatencyMs,
      firstTokenMs: summary.firstTokenMs,
    },
    'request',
  );
}
