/**
 * @module providers/bedrock/bedrock-adapter
 * AWS Bedrock through the Converse API: every call is `POST {base}/model/{modelId}/converse-stream`
 * with a Converse body (the `bedrock-converse` codec), authenticated by an API key or SigV4
 * (`bedrock-auth.ts`), answered with a binary AWS event stream (`pipeline/frames/aws-event-stream.ts`).
 * Its own adapter rather than `createHttpAdapter`, because SigV4 signs the exact URL and body
 * of each request, which that shape's synchronous header hook cannot see.
 * - No client header is forwarded: in particular never `anthropic-beta` (wire-contract §6.5);
 *   the body carries no `anthropic_beta` either.
 * - `maxTokens` is clamped to the model family's limit (`output-limits.ts`).
 * - `claude-*` model names are not passed on (design.md §5 rule 4 does not apply): Bedrock
 *   names models differently (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`), needs access
 *   granted per model, and Claude Code's default names (`claude-opus-4-8`) have no Bedrock id.
 *   They reach `AWS_BEDROCK_MODEL_ID` by rule 5; MODEL_MAP / MODEL_SMALL / MODEL_LARGE with
 *   `bedrock:<model id>` pick other Bedrock models per Claude name.
 */
import { bedrockConverseCodec } from '../../dialects/bedrock-converse/index.js';
import { LynkrError } from '../../ir/errors.js';
import type { IrStream } from '../../ir/types.js';
import { awsEventStreamPayloads } from '../../pipeline/frames/aws-event-stream.js';
import { guardStream } from '../http-adapter.js';
import type { ProviderAdapter, ProviderCall } from '../types.js';
import { readErrorBody, type UpstreamHttp } from '../upstream-http.js';
import { createBedrockAuth, type AwsCredentials } from './bedrock-auth.js';
import { bedrockBaseUrl, converseStreamUrl } from './bedrock-endpoint.js';
import { DEFAULT_OUTPUT_TOKENS, maxOutputTokensFor } from './output-limits.js';

const NAME = 'bedrock';

export interface BedrockSettings {
  apiKey?: string;
  /** Default model: a base model id, an inference profile id or an ARN. */
  modelId: string;
  region: string;
  /** Runtime base URL override (AWS_BEDROCK_ENDPOINT). */
  endpoint?: string;
  /** Credentials instead of the default AWS chain (programmatic use). */
  credentials?: AwsCredentials;
}

/**
 * @example
 * const bedrock = createBedrockAdapter({ modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1' }, http);
 * const events = await bedrock.stream({ req, model: bedrock.defaultModel, toolNames, signal, clientHeaders: {} });
 */
export function createBedrockAdapter(settings: BedrockSettings, http: UpstreamHttp): ProviderAdapter {
  const base = bedrockBaseUrl(settings);
  const auth = createBedrockAuth({ apiKey: settings.apiKey, region: settings.region, credentials: settings.credentials });
  const codec = bedrockConverseCodec;

  return {
    name: NAME,
    dialect: codec.dialect,
    defaultModel: settings.modelId,
    servesClaude: () => false,
    async stream(call: ProviderCall): Promise<IrStream> {
      const limit = maxOutputTokensFor(call.model);
      const body = JSON.stringify(
        codec.encodeRequest(call.req, {
          model: call.model,
          toolNames: call.toolNames,
          stream: true,
          maxOutputTokensLimit: limit,
          defaultMaxOutputTokens: Math.min(DEFAULT_OUTPUT_TOKENS, limit),
        }),
      );
      const url = new URL(converseStreamUrl(base, call.model));
      const headers = await auth.authorize({
        url,
        body,
        headers: { 'content-type': 'application/json', accept: 'application/vnd.amazon.eventstream' },
      });
      const res = await http.send({ url: url.toString(), headers, body, signal: call.signal, provider: NAME });
      if (res.status >= 400) {
        const err = codec.decodeError(res.status, await readErrorBody(res.body), res.headers);
        throw new LynkrError(err.code, `${NAME}: ${err.message}`, {
          cause: err,
          provider: NAME,
          upstreamStatus: res.status,
          retryAfterSeconds: err.retryAfterSeconds,
          param: err.param,
          status: err.status,
          retryable: err.retryable,
        });
      }
      return guardStream(codec.decodeStream(awsEventStreamPayloads(res.body)), NAME);
    },
  };
}
