/**
 * @module test/support/mock-upstream/render-bedrock
 * AWS Bedrock Runtime's Converse API as documented in
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html:
 * - `POST /model/{modelId}/converse-stream` answers `application/vnd.amazon.eventstream`, binary
 *   messages encoded with `@smithy/eventstream-codec` (headers `:event-type`, `:content-type`,
 *   `:message-type`), each JSON payload padded with a `p` field as Bedrock does: `messageStart`,
 *   per block `contentBlockDelta`s (reasoning: `reasoningContent.text` then `.signature`; text:
 *   `text`; tool use: `contentBlockStart.start.toolUse` then `toolUse.input` fragments) and
 *   `contentBlockStop`, then `messageStop {stopReason}` and `metadata {usage, metrics}`;
 *   in-stream errors are `:message-type: exception` messages (`modelStreamErrorException`, …);
 * - `POST /model/{modelId}/converse` answers `{output:{message}, stopReason, usage, metrics}`;
 * - errors are `{"message"}` with the type in `x-amzn-ErrorType`;
 * - authentication is a Bedrock API key (`Authorization: Bearer`) or a SigV4 signature, which the
 *   mock verifies by recomputing it with AWS's own signer (`options.aws`).
 * The official `@aws-sdk/client-bedrock-runtime` decodes this mock (test/integration/mocks/bedrock-mock.test.ts).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { DialectRenderer, MockHttpError, MockTurn, MockUpstreamOptions, RecordedRequest, RenderContext, StaticReply } from './types.js';
import { ARGUMENT_PIECES, TEXT_PIECES, bearerOf, callId, digest, splitPieces } from './wire-util.js';

const TURN_ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream)$/;
const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** Bedrock's error types, as `x-amzn-ErrorType` names them. */
export type BedrockErrorType =
  | 'AccessDeniedException'
  | 'InternalServerException'
  | 'InvalidSignatureException'
  | 'ModelErrorException'
  | 'ModelNotReadyException'
  | 'ModelTimeoutException'
  | 'MissingAuthenticationTokenException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'ServiceQuotaExceededException'
  | 'ServiceUnavailableException'
  | 'ThrottlingException'
  | 'UnknownOperationException'
  | 'UnrecognizedClientException'
  | 'ValidationException';

/**
 * A Bedrock HTTP error as Bedrock Runtime sends it, for `MockTurn.error`.
 * @example script: () => ({ error: bedrockError('ThrottlingException', 429, 'Too many requests, please wait before trying again.') })
 */
export function bedrockError(type: BedrockErrorType, status: number, message: string): MockHttpError {
  return { status, body: { message }, headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` } };
}

function errorReply(type: BedrockErrorType, status: number, message: string): StaticReply {
  return bedrockError(type, status, message);
}

/** The model id of a turn route, percent-decoded ('' elsewhere). */
export function bedrockModelOf(path: string): string {
  const m = TURN_ROUTE.exec(path);
  return m ? decodeURIComponent(m[1]) : '';
}

// ---------------------------------------------------------------------------
// Authentication
// ---------------------------------------------------------------------------

const AUTH_HEADER = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/;

/** The parts of a SigV4 `Authorization` header; undefined when it is not one. */
export function parseSigV4(authorization: string | undefined):
  | { accessKeyId: string; date: string; region: string; service: string; signedHeaders: string[]; signature: string }
  | undefined {
  const m = AUTH_HEADER.exec(authorization ?? '');
  if (!m) return undefined;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4], signedHeaders: m[5].split(';'), signature: m[6] };
}

/**
 * Recomputes the request's SigV4 signature with `@smithy/signature-v4` from the recorded method,
 * path, query, signed headers and body, and returns the `Authorization` value it expects.
 */
export async function expectedSigV4({
  req,
  aws,
  region,
  service,
}: {
  req: RecordedRequest;
  aws: NonNullable<MockUpstreamOptions['aws']>;
  region: string;
  service: string;
}): Promise<string> {
  const parsed = parseSigV4(req.headers.authorization);
  const amzDate = req.headers['x-amz-date'] ?? '';
  const d = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!parsed || !d) return '';
  const signingDate = new Date(Date.UTC(+d[1], +d[2] - 1, +d[3], +d[4], +d[5], +d[6]));
  const headers = Object.fromEntries(parsed.signedHeaders.map((h) => [h, req.headers[h] ?? '']));
  const [hostname, port] = (req.headers.host ?? '').split(':');
  const signer = new SignatureV4({
    service,
    region,
    credentials: { accessKeyId: aws.accessKeyId, secretAccessKey: aws.secretAccessKey, ...(aws.sessionToken ? { sessionToken: aws.sessionToken } : {}) },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    { method: req.method, protocol: 'http:', hostname, ...(port ? { port: Number(port) } : {}), path: req.path, query: req.query, headers, body: req.rawBody },
    { signingDate },
  );
  return String(signed.headers.authorization ?? '');
}

/** Bedrock's answer to a request without valid credentials, or undefined to let it through. */
async function authorize(req: RecordedRequest, options: MockUpstreamOptions): Promise<StaticReply | undefined> {
  if (options.apiKey === undefined && options.aws === undefined) return undefined;
  const authorization = req.headers.authorization;
  const bearer = bearerOf(req.headers);
  if (bearer !== undefined) {
    if (options.apiKey !== undefined && bearer === options.apiKey) return undefined;
    return errorReply('AccessDeniedException', 403, 'Authentication failed: Please make sure your API Key is valid.');
  }
  const sig = parseSigV4(authorization);
  if (!sig || options.aws === undefined) return errorReply('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
  if (sig.accessKeyId !== options.aws.accessKeyId) {
    return errorReply('UnrecognizedClientException', 403, 'The security token included in the request is invalid.');
  }
  const region = options.aws.region ?? 'us-east-1';
  if (sig.region !== region || sig.service !== 'bedrock') {
    return errorReply(
      'InvalidSignatureException',
      403,
      `Credential should be scoped to a valid region (${region}) and service 'bedrock', not '${sig.region}/${sig.service}'.`,
    );
  }
  if ((await expectedSigV4({ req, aws: options.aws, region, service: 'bedrock' })) !== authorization) {
    return errorReply(
      'InvalidSignatureException',
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Turns
// ---------------------------------------------------------------------------

type Block =
  | { reasoningContent: { reasoningText: { text: string; signature: string } } }
  | { text: string }
  | { toolUse: { toolUseId: string; name: string; input: Record<string, unknown> } };

function stopReason(turn: MockTurn): 'end_turn' | 'tool_use' | 'max_tokens' {
  if (turn.finish === 'length') return 'max_tokens';
  return turn.toolCalls?.length ? 'tool_use' : 'end_turn';
}

function blocksOf(turn: MockTurn, ctx: RenderContext): Block[] {
  const blocks: Block[] = [];
  if (turn.reasoning) blocks.push({ reasoningContent: { reasoningText: { text: turn.reasoning, signature: `sig_${digest(turn.reasoning, 40)}` } } });
  if (turn.text) blocks.push({ text: turn.text });
  (turn.toolCalls ?? []).forEach((call, i) => {
    blocks.push({ toolUse: { toolUseId: callId(call, 'tooluse_mock_', ctx.turn, i), name: call.name, input: call.arguments } });
  });
  return blocks;
}

function usageOf(ctx: RenderContext): Record<string, number> {
  return { inputTokens: ctx.usage.input, outputTokens: ctx.usage.output, totalTokens: ctx.usage.input + ctx.usage.output };
}

/** Bedrock pads every event payload with a `p` field of varying length against traffic analysis. */
function padding(n: number): string {
  return 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.slice(0, 4 + (n % 50));
}

/** One event-stream message: `{ [eventType]: payload }` on the SDK side. */
export function eventMessage(eventType: string, payload: Record<string, unknown>, n = 0): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify({ ...payload, p: padding(n) })),
  });
}

/** One modelled exception message, e.g. `modelStreamErrorException`. */
export function exceptionMessage(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

function streamMessages(turn: MockTurn, ctx: RenderContext): Uint8Array[] {
  const out: Uint8Array[] = [];
  const event = (type: string, payload: Record<string, unknown>): void => void out.push(eventMessage(type, payload, out.length));
  event('messageStart', { role: 'assistant' });
  blocksOf(turn, ctx).forEach((block, contentBlockIndex) => {
    const delta = (d: Record<string, unknown>): void => event('contentBlockDelta', { contentBlockIndex, delta: d });
    if ('reasoningContent' in block) {
      const { text, signature } = block.reasoningContent.reasoningText;
      for (const piece of splitPieces(text, TEXT_PIECES)) delta({ reasoningContent: { text: piece } });
      delta({ reasoningContent: { signature } });
    } else if ('text' in block) {
      for (const piece of splitPieces(block.text, TEXT_PIECES)) delta({ text: piece });
    } else {
      const { toolUseId, name, input } = block.toolUse;
      event('contentBlockStart', { contentBlockIndex, start: { toolUse: { toolUseId, name } } });
      for (const piece of splitPieces(JSON.stringify(input), ARGUMENT_PIECES)) delta({ toolUse: { input: piece } });
    }
    event('contentBlockStop', { contentBlockIndex });
  });
  event('messageStop', { stopReason: stopReason(turn) });
  event('metadata', { usage: usageOf(ctx), metrics: { latencyMs: 42 } });
  return out;
}

export const bedrockRenderer: DialectRenderer = {
  isTurnRoute: (method, path) => method === 'POST' && TURN_ROUTE.test(path),
  streamByDefault: false,
  isStreamRequest: (req) => req.path.endsWith('/converse-stream'),
  streamContentType: 'application/vnd.amazon.eventstream',
  modelOf: (_body, req) => (req ? bedrockModelOf(req.path) : ''),
  modelKnown: (requested, known) => known.includes(requested),
  credentialOf: (req) => bearerOf(req.headers),
  authorize,

  handleOther: () => undefined,

  renderJson(turn, ctx) {
    return {
      output: { message: { role: 'assistant', content: blocksOf(turn, ctx) } },
      stopReason: stopReason(turn),
      usage: usageOf(ctx),
      metrics: { latencyMs: 42 },
    };
  },

  renderStream: (turn, ctx) => streamMessages(turn, ctx),

  renderStreamError(error) {
    return exceptionMessage(error.type ?? 'modelStreamErrorException', error.message);
  },

  errorReply(kind, detail) {
    switch (kind) {
      case 'model_not_found':
        return errorReply('ValidationException', 400, 'The provided model identifier is invalid.');
      case 'unauthorized':
        return errorReply('UnrecognizedClientException', 403, 'The security token included in the request is invalid.');
      case 'invalid_json':
        return errorReply('SerializationException', 400, `Could not parse the request body: ${detail}`);
      case 'no_route':
        return errorReply('UnknownOperationException', 404, `Unknown operation ${detail}`);
      case 'script_failed':
        return errorReply('InternalServerException', 500, detail);
    }
  },
};
