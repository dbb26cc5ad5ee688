/**
 * @module providers/unsupported-parameters
 * OpenAI-style upstreams (OpenAI, Azure OpenAI, OpenRouter, local OpenAI-compatible
 * servers) reject some optional parameters depending on the model behind the name: a
 * gpt-4o rejects `reasoning_effort` (Claude Code always asks for an effort, Codex for
 * gpt-5 names too), an o-series / gpt-5 model rejects `max_tokens`. Lynkr cannot know
 * beforehand (an Azure deployment name says nothing, an alias maps anywhere), but the
 * upstream names the culprit in its 400:
 *
 *   {"error":{"message":"Unsupported parameter: 'reasoning_effort' is not supported with this model.",
 *             "type":"invalid_request_error","param":"reasoning_effort","code":"unsupported_parameter"}}
 *
 * (older APIs: "Unrecognized request argument supplied: reasoning_effort"). For the
 * optional parameters below, the adapter then adjusts the body, retries once per parameter
 * and remembers the adjustment for that model, so later calls go right the first time.
 * Any other 400 reaches the client unchanged.
 */
import { LynkrError } from '../ir/errors.js';

/** How a rejected parameter is dealt with: a field (path) dropped, or renamed to what the model takes. */
type Fix = { drop: readonly string[] } | { rename: string; to: string };

/** Optional parameters Lynkr may send and can do without (param name as Azure reports it). */
const FIXES: Readonly<Record<string, Fix>> = {
  max_tokens: { rename: 'max_tokens', to: 'max_completion_tokens' },
  reasoning_effort: { drop: ['reasoning_effort'] },
  reasoning: { drop: ['reasoning'] },
  'reasoning.effort': { drop: ['reasoning'] },
  'reasoning.summary': { drop: ['reasoning', 'summary'] },
  temperature: { drop: ['temperature'] },
  top_p: { drop: ['top_p'] },
  parallel_tool_calls: { drop: ['parallel_tool_calls'] },
  stream_options: { drop: ['stream_options'] },
  include: { drop: ['include'] },
  prompt_cache_key: { drop: ['prompt_cache_key'] },
  service_tier: { drop: ['service_tier'] },
  'text.verbosity': { drop: ['text', 'verbosity'] },
  verbosity: { drop: ['verbosity'] },
  user: { drop: ['user'] },
};

const UNSUPPORTED = /Unsupported (?:parameter|value): '([\w.]+)'/i;
const UNRECOGNIZED = /Unrecognized request arguments? supplied: ([\w.]+)/i;

/** Remembered adjustments per upstream model (an Azure deployment, an OpenAI model id). */
export class ParameterAdjustments {
  readonly #byDeployment = new Map<string, Set<string>>();

  /** The body with every adjustment known for `deployment` applied. */
  apply(deployment: string, body: Record<string, unknown>): Record<string, unknown> {
    const params = this.#byDeployment.get(deployment);
    if (!params) return body;
    let out = body;
    for (const param of params) {
      const fix = FIXES[param];
      if ('drop' in fix) out = without(out, fix.drop);
      else if (out[fix.rename] !== undefined) {
        const { [fix.rename]: value, ...rest } = out;
        out = { ...rest, [fix.to]: value };
      }
    }
    return out;
  }

  /**
   * Records the adjustment an upstream error asks for; false when the error is not about
   * an adjustable parameter, or that parameter was already adjusted (nothing left to try).
   */
  learn(deployment: string, err: unknown): boolean {
    const param = rejectedParameter(err);
    if (param === undefined || FIXES[param] === undefined) return false;
    const params = this.#byDeployment.get(deployment) ?? new Set<string>();
    if (params.has(param)) return false;
    params.add(param);
    this.#byDeployment.set(deployment, params);
    return true;
  }
}

/** A copy of `obj` without the field at `path` (objects on the way are copied, never mutated). */
function without(obj: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  if (!(head in obj)) return obj;
  const { [head]: value, ...others } = obj;
  if (rest.length === 0) return others;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return obj;
  return { ...others, [head]: without(value as Record<string, unknown>, rest) };
}

/** The parameter a 400 rejects, read from `error.param` or the message. */
export function rejectedParameter(err: unknown): string | undefined {
  if (!LynkrError.isInstance(err) || err.upstreamStatus !== 400) return undefined;
  for (let cause: unknown = err, depth = 0; cause !== undefined && depth < 4; depth++) {
    const found = fromBody(cause);
    if (found) return found;
    cause = (cause as { cause?: unknown } | null)?.cause;
  }
  return undefined;
}

function fromBody(value: unknown): string | undefined {
  const error = (value as { error?: unknown } | null)?.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, param, message } = error as { code?: unknown; param?: unknown; message?: unknown };
  if ((code === 'unsupported_parameter' || code === 'unsupported_value') && typeof param === 'string') return param;
  const text = typeof message === 'string' ? message : '';
  return (UNSUPPORTED.exec(text) ?? UNRECOGNIZED.exec(text))?.[1];
}

/**
 * Wraps an adapter's `stream` so that a 400 naming an adjustable parameter is learnt and
 * the call retried (at most once per parameter); the adapter's body preparation must call
 * `adjustments.apply(model, body)`.
 */
export async function streamAdjustingParameters<T>(
  adjustments: ParameterAdjustments,
  model: string,
  call: () => Promise<T>,
): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!adjustments.learn(model, err)) throw err;
    }
  }
}
