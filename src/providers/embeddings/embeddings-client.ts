/**
 * @module providers/embeddings/embeddings-client
 * What an embeddings provider does for Lynkr: turn texts into vectors, for
 * `POST /v1/embeddings` and the semantic cache. Two wire formats exist (Ollama's native
 * `/api/embed` and the OpenAI-compatible `/embeddings`); each is a small function that
 * builds the request and parses only the fields used, over the shared upstream HTTP client.
 */
import { LynkrError } from '../../ir/errors.js';
import { readErrorBody, type UpstreamHttp } from '../upstream-http.js';

export interface EmbeddingsResult {
  /** One vector per input, in input order. */
  vectors: number[][];
  /** The model that embedded them. */
  model: string;
  /** Input tokens the provider counted, when it says. */
  promptTokens?: number;
}

export interface EmbedOptions {
  signal?: AbortSignal;
  /** Vector length wanted, for models that can shorten their vectors (OpenAI `dimensions`). */
  dimensions?: number;
}

export interface EmbeddingsClient {
  /** The provider name (EMBEDDINGS_PROVIDER). */
  readonly provider: string;
  /** The embeddings model used for every call. */
  readonly model: string;
  embed(inputs: string[], options?: EmbedOptions): Promise<EmbeddingsResult>;
}

export interface PostJsonInput {
  http: UpstreamHttp;
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal?: AbortSignal;
  /** Maps the provider's HTTP error body to a LynkrError (its dialect's error decoder). */
  decodeError(status: number, body: unknown, headers: Record<string, string>): LynkrError;
}

/** POSTs JSON and returns the parsed JSON answer; an HTTP error becomes the provider's LynkrError. */
export async function postJson({ http, provider, url, headers, body, signal, decodeError }: PostJsonInput): Promise<unknown> {
  const res = await http.send({ url, headers, body, signal, provider });
  if (res.status >= 400) {
    const err = decodeError(res.status, await readErrorBody(res.body), res.headers);
    throw new LynkrError(err.code, `${provider} embeddings: ${err.message}`, {
      cause: err,
      provider,
      upstreamStatus: res.status,
      status: err.status,
      retryable: err.retryable,
    });
  }
  try {
    return await res.body.json();
  } catch (err) {
    throw new LynkrError('upstream_error', `${provider} embeddings: the answer is not JSON`, { cause: err, provider });
  }
}

/** The error for an answer that does not have the documented shape. */
export function malformedAnswer(provider: string, detail: string): LynkrError {
  return new LynkrError('upstream_error', `${provider} embeddings: unexpected answer (${detail})`, { provider });
}
