/**
 * @module providers/bedrock/bedrock-auth
 * Authentication toward Bedrock Runtime, in AWS's two ways:
 * - an Amazon Bedrock API key (`AWS_BEDROCK_API_KEY`) sent as `Authorization: Bearer <key>`;
 * - otherwise the standard AWS credential chain (`fromNodeProviderChain`: environment,
 *   SSO, shared config and credentials files, `credential_process`, web identity, then
 *   container and instance roles) and a Signature Version 4 signature over the exact request
 *   (`SignatureV4` from `@smithy/signature-v4` with `Sha256` from `@aws-crypto/sha256-js`),
 *   service `bedrock`, the configured region. The path is signed as sent (the model id
 *   percent-encoded once) and escaped again by the signer, as the AWS SDK does.
 * The chain reads the process environment and `~/.aws` itself: those are AWS's own settings,
 * not Lynkr's. It is built on first use, so an API-key setup never touches it.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import { LynkrError } from '../../ir/errors.js';

/** Static credentials or a provider of them, as the signer takes them. */
export type AwsCredentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

/** The SigV4 signing name of Bedrock Runtime. */
export const BEDROCK_SIGNING_SERVICE = 'bedrock';

export interface BedrockAuthSettings {
  /** Bedrock API key; when set, no signing happens. */
  apiKey?: string;
  region: string;
  /** Credentials to sign with instead of the default chain (programmatic use). */
  credentials?: AwsCredentials;
}

export interface SignableRequest {
  url: URL;
  /** The exact body text that will be sent. */
  body: string;
  /** Headers to send (and sign), lower-case names. */
  headers: Record<string, string>;
}

export interface BedrockAuth {
  readonly kind: 'api-key' | 'sigv4';
  /** The headers to send: the given ones plus authentication. */
  authorize(req: SignableRequest): Promise<Record<string, string>>;
}

/**
 * @example
 * const auth = createBedrockAuth({ region: 'us-west-2' });
 * const headers = await auth.authorize({ url, body, headers: { 'content-type': 'application/json' } });
 * // headers.authorization === 'AWS4-HMAC-SHA256 Credential=AKIA…/20260101/us-west-2/bedrock/aws4_request, …'
 */
export function createBedrockAuth(settings: BedrockAuthSettings): BedrockAuth {
  if (settings.apiKey) {
    const bearer = `Bearer ${settings.apiKey}`;
    return { kind: 'api-key', authorize: async (req) => ({ ...req.headers, authorization: bearer }) };
  }
  let signer: SignatureV4 | undefined;
  const getSigner = (): SignatureV4 =>
    (signer ??= new SignatureV4({
      service: BEDROCK_SIGNING_SERVICE,
      region: settings.region,
      credentials: settings.credentials ?? fromNodeProviderChain({ clientConfig: { region: settings.region } }),
      sha256: Sha256,
    }));
  return {
    kind: 'sigv4',
    async authorize({ url, body, headers }) {
      let signed;
      try {
        signed = await getSigner().sign({
          method: 'POST',
          protocol: url.protocol,
          hostname: url.hostname,
          ...(url.port ? { port: Number(url.port) } : {}),
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: { ...headers, host: url.host },
          body,
        });
      } catch (err) {
        throw credentialError(err);
      }
      // undici derives the same Host from the URL; sending it twice would be an error.
      const { host: _host, ...out } = signed.headers;
      return out;
    },
  };
}

function credentialError(err: unknown): LynkrError {
  const detail = err instanceof Error ? err.message : String(err);
  return new LynkrError(
    'upstream_auth',
    `bedrock: no usable AWS credentials (${detail}). Set AWS_BEDROCK_API_KEY, or give the AWS credential chain credentials: ` +
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, a web identity token, or a container or instance role.',
    { cause: err, provider: 'bedrock', retryable: false },
  );
}
