/**
 * @module dialects/openai-responses/reasoning-blob
 * Lynkr's own `encrypted_content` for reasoning items (wire-contract §6.2). Codex echoes a
 * reasoning item's `encrypted_content` verbatim on the next request, so Lynkr packs what a
 * later upstream call needs into it: Anthropic's thinking text with its exact signature,
 * redacted thinking data, DeepSeek `reasoning_content`, and the provider family.
 *
 * Format: `"lynkr:" + base64url(JSON.stringify({v:1, provider, text, signature, redactedData}))`.
 * Anything else (OpenAI's own encrypted content, a corrupted value) is not ours: decoding
 * returns undefined and the caller keeps it opaque.
 */
import type { IrReasoningPart } from '../../ir/types.js';

export const REASONING_BLOB_PREFIX = 'lynkr:';
const VERSION = 1;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** The reasoning fields a blob carries. */
export type ReasoningBlobFields = Pick<IrReasoningPart, 'text' | 'signature' | 'redactedData' | 'provider'>;

/**
 * Packs reasoning into Lynkr's blob.
 * @example encodeReasoningBlob({ text: 'hmm', signature: 'SIG', provider: 'anthropic' }) // 'lynkr:eyJ2Ijox…'
 */
export function encodeReasoningBlob(part: ReasoningBlobFields): string {
  const payload = {
    v: VERSION,
    provider: part.provider,
    text: part.text,
    signature: part.signature,
    redactedData: part.redactedData,
  };
  return REASONING_BLOB_PREFIX + Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * Unpacks Lynkr's blob; undefined when `value` is not one (wrong prefix, bad base64url,
 * bad JSON, unknown version or mistyped fields).
 * @example decodeReasoningBlob(encodeReasoningBlob({ text: 'hmm' })) // { text: 'hmm' }
 */
export function decodeReasoningBlob(value: unknown): ReasoningBlobFields | undefined {
  if (typeof value !== 'string' || !value.startsWith(REASONING_BLOB_PREFIX)) return undefined;
  const encoded = value.slice(REASONING_BLOB_PREFIX.length);
  if (!BASE64URL.test(encoded)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  if (p.v !== VERSION) return undefined;
  if (p.text !== undefined && typeof p.text !== 'string') return undefined;
  for (const k of ['provider', 'signature', 'redactedData'] as const) {
    if (p[k] !== undefined && typeof p[k] !== 'string') return undefined;
  }
  const fields: ReasoningBlobFields = { text: (p.text as string | undefined) ?? '' };
  if (typeof p.provider === 'string') fields.provider = p.provider;
  if (typeof p.signature === 'string') fields.signature = p.signature;
  if (typeof p.redactedData === 'string') fields.redactedData = p.redactedData;
  return fields;
}
