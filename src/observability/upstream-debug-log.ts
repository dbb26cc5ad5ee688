/**
 * @module observability/upstream-debug-log
 * With LOG_LEVEL=debug, one line per upstream request with the translated body exactly as
 * sent (after the adapter's own adjustments), taken from undici's diagnostics channel
 * `undici:request:create` rather than from each adapter. Only requests made while serving
 * a model request (see `request-context.ts`) are logged, tagged with its id; secrets in the
 * body are scrubbed by the logger (`logger.ts` replaces every configured secret value).
 * @see https://undici.nodejs.org/#/docs/api/DiagnosticsChannel
 */
import diagnostics from 'node:diagnostics_channel';
import { requestContext } from './request-context.js';

/** Bodies longer than this are logged truncated (base64 images make bodies huge). */
const MAX_BODY_CHARS = 100_000;
const CHANNEL = 'undici:request:create';

interface UndiciRequestMessage {
  request: { origin?: unknown; method?: string; path?: string; body?: unknown };
}

let subscribers = 0;

function onRequestCreate(message: unknown): void {
  const ctx = requestContext.getStore();
  if (!ctx || !ctx.log.isLevelEnabled('debug')) return;
  const { request } = message as UndiciRequestMessage;
  ctx.log.debug(
    { requestId: ctx.requestId, upstream: { method: request.method, url: `${String(request.origin ?? '')}${request.path ?? ''}`, body: describeBody(request.body) } },
    'upstream request',
  );
}

function describeBody(body: unknown): unknown {
  if (body === null || body === undefined) return undefined;
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) || body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : undefined;
  if (text === undefined) return '[stream]';
  if (text.length > MAX_BODY_CHARS) return `${text.slice(0, MAX_BODY_CHARS)}… [${text.length - MAX_BODY_CHARS} more characters]`;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Starts logging upstream request bodies at debug level; returns the function that stops it.
 * Servers in one process share the subscription (counted), so closing one keeps the others'.
 */
export function logUpstreamRequests(): () => void {
  if (subscribers++ === 0) diagnostics.subscribe(CHANNEL, onRequestCreate);
  let active = true;
  return () => {
    if (!active) return;
    active = false;
    if (--subscribers === 0) diagnostics.unsubscribe(CHANNEL, onRequestCreate);
  };
}
