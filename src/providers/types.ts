/**
 * @module providers/types
 * A provider adapter knows only how to reach one provider: base URL, authentication,
 * which dialect and endpoint, model-name rules and its quirks. Translation is the
 * dialect codec's job; routing, retries and usage are pipeline stages.
 */
import type { ToolNameMap } from '../ir/tool-names.js';
import type { DialectName, IrRequest, IrStream } from '../ir/types.js';
import { PROVIDER_NAMES, type ProviderName } from '../config/types.js';
import type { UpstreamResponse } from './upstream-http.js';

/** One list of provider names for the config schema, the router and the registry. */
export { PROVIDER_NAMES, type ProviderName };

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(value);
}

/** One call of an upstream model. */
export interface ProviderCall {
  req: IrRequest;
  /** The upstream model id. */
  model: string;
  toolNames: ToolNameMap;
  signal: AbortSignal;
  /** The client's request headers (lower-case), for the few an adapter forwards (e.g. anthropic-beta to Anthropic). */
  clientHeaders: Record<string, string>;
}

/** A raw same-dialect forward (the pass-through fast path). */
export interface PassthroughCall {
  /** The client's body with the model name already rewritten. */
  body: Record<string, unknown>;
  model: string;
  signal: AbortSignal;
  clientHeaders: Record<string, string>;
}

export interface ProviderAdapter {
  readonly name: ProviderName;
  /** The dialect this provider speaks. */
  readonly dialect: DialectName;
  /** The model used when the client's model name does not pick one. */
  readonly defaultModel: string;
  /** Whether `claude-*` model names are served natively (design.md §5 rule 4). */
  servesClaude(model: string): boolean;
  /** Starts a streamed call. Rejects with a LynkrError before the first byte; later failures are `error` events. */
  stream(call: ProviderCall): Promise<IrStream>;
  /** Forwards a same-dialect body untouched (fast path); the response is the upstream's own. */
  passthrough?(call: PassthroughCall): Promise<UpstreamResponse>;
  /** The upstream's own input-token count for a same-dialect body (Anthropic count_tokens). */
  countTokens?(call: PassthroughCall): Promise<number>;
  /** The model's context window in tokens, when the provider can tell. */
  contextWindow?(model: string): Promise<number | undefined>;
}
