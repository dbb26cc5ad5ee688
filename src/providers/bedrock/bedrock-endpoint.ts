/**
 * @module providers/bedrock/bedrock-endpoint
 * Bedrock Runtime URLs. The base is `AWS_BEDROCK_ENDPOINT` when set (a VPC endpoint, a
 * gateway, a test server), else `https://bedrock-runtime.{region}.amazonaws.com`. The model id
 * is one path segment, percent-encoded once (`:` in `…-v2:0` and `/` in ARNs), as the AWS SDK
 * sends it; base model ids, inference profiles (`us.anthropic.…`) and ARNs all fit.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_RequestSyntax
 */

/** The runtime base URL without a trailing slash. */
export function bedrockBaseUrl(settings: { region: string; endpoint?: string }): string {
  return (settings.endpoint ?? `https://bedrock-runtime.${settings.region}.amazonaws.com`).replace(/\/+$/, '');
}

/**
 * @example converseStreamUrl('https://bedrock-runtime.us-east-1.amazonaws.com', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0')
 * // 'https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse-stream'
 */
export function converseStreamUrl(base: string, modelId: string): string {
  return `${base}/model/${encodeURIComponent(modelId)}/converse-stream`;
}
