/**
 * @module pipeline/compaction/compaction-blob
 * The `encrypted_content` of the `compaction` items Lynkr makes for Codex's remote
 * compaction v2 (wire-contract §1.1.2: "Return encrypted_content = base64(JSON{v:1,
 * summary})"). Codex treats it as opaque and sends it back verbatim on later requests;
 * the `lynkr-compaction:` prefix tells Lynkr's own blobs from OpenAI's real encrypted
 * ones, which only OpenAI can read.
 */

export const COMPACTION_BLOB_PREFIX = 'lynkr-compaction:';

/** @example encodeCompactionBlob('did X') // 'lynkr-compaction:eyJ2IjoxLCJzdW1tYXJ5IjoiZGlkIFgifQ==' */
export function encodeCompactionBlob(summary: string): string {
  return COMPACTION_BLOB_PREFIX + Buffer.from(JSON.stringify({ v: 1, summary }), 'utf8').toString('base64');
}

/** The summary inside one of Lynkr's blobs; undefined for anything else (a foreign or damaged blob). */
export function decodeCompactionBlob(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(COMPACTION_BLOB_PREFIX)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value.slice(COMPACTION_BLOB_PREFIX.length), 'base64').toString('utf8'));
    const blob = parsed as { v?: unknown; summary?: unknown };
    return blob?.v === 1 && typeof blob.summary === 'string' ? blob.summary : undefined;
  } catch {
    return undefined;
  }
}
