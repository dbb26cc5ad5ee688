/**
 * @module dialects/bedrock-converse/encode-content
 * Single IR parts → Converse content blocks (wire-contract §6.1, §6.3 "Bedrock Converse
 * specifics"): blank text is never sent (Bedrock rejects "The text field in the ContentBlock
 * object … is blank"); images become `image` blocks with base64 `bytes` in one of the four
 * formats Converse takes, anything else a text note (Converse takes no image URLs, only S3);
 * PDFs and office documents become `document` blocks with a name Converse accepts; tool-use
 * ids are kept when Bedrock's pattern allows them and mapped stably otherwise.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */
import { createHash } from 'node:crypto';
import type { IrDocumentPart, IrImagePart, IrTextPart, IrToolResultPart } from '../../ir/types.js';
import { documentNote } from '../shared/tool-result-content.js';
import type { ConverseBlock, ConverseImage, ConverseImageFormat, ConverseToolResultContent } from './wire-types.js';

/** Stands in for content Bedrock requires but the conversation does not have. */
export const PLACEHOLDER_TEXT = '(no content)';

const IMAGE_FORMATS: Record<string, ConverseImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** Document formats of `DocumentBlock.format` by media type (plain text is inlined instead). */
const DOCUMENT_FORMATS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'text/html': 'html',
  'text/markdown': 'md',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** A text block, or nothing for blank text. */
export function textBlock(p: Pick<IrTextPart, 'text'>): ConverseBlock | undefined {
  return p.text.trim() === '' ? undefined : { text: p.text };
}

/** The `image` member for an inline image of a supported format; undefined otherwise. */
export function converseImage(p: IrImagePart): ConverseImage | undefined {
  if (p.source.kind !== 'base64') return undefined;
  const format = IMAGE_FORMATS[p.source.mediaType.toLowerCase()];
  return format ? { format, source: { bytes: p.source.data } } : undefined;
}

/** An image block, or a text note naming what could not be sent. */
export function imageBlock(p: IrImagePart): ConverseBlock {
  const image = converseImage(p);
  if (image) return { image };
  return { text: p.source.kind === 'url' ? `[image: ${p.source.url}]` : `[image of type ${p.source.mediaType} omitted: unsupported format]` };
}

/**
 * A document block for binary formats Converse reads; plain text (or an unknown format) is
 * inlined as a text note. `names` keeps names unique within the request, as Converse requires.
 */
export function documentBlock(p: IrDocumentPart, names: Set<string>): ConverseBlock {
  const format = DOCUMENT_FORMATS[p.mediaType.toLowerCase()];
  if (p.data === undefined || format === undefined) return { text: documentNote(p) };
  const base = documentName(p.title);
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base} (${n})`;
  names.add(name);
  return { document: { format, name, source: { bytes: p.data } } };
}

/**
 * Converse document names: alphanumerics, single whitespace, hyphens, parentheses and square
 * brackets only.
 */
function documentName(title: string | undefined): string {
  const cleaned = (title ?? '')
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[^a-zA-Z0-9\s\-()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .trim();
  return cleaned || 'document';
}

/**
 * A `toolResult` block. Errors carry `status: "error"` where the model family knows the field
 * (Claude); elsewhere the text is prefixed "Error: " (wire-contract §6.3).
 */
export function toolResultBlock(p: IrToolResultPart, opts: { statusField: boolean }): ConverseBlock {
  const content: ConverseToolResultContent[] = [];
  for (const c of p.content) {
    if (c.type === 'text') {
      if (c.text.trim() !== '') content.push({ text: c.text });
    } else {
      const image = converseImage(c);
      content.push(image ? { image } : { text: c.source.kind === 'url' ? `[image: ${c.source.url}]` : '[image omitted: unsupported format]' });
    }
  }
  if (p.isError && !opts.statusField) {
    const first = content[0];
    if (first && 'text' in first) content[0] = { text: `Error: ${first.text}` };
    else content.unshift({ text: 'Error:' });
  }
  if (content.length === 0) content.push({ text: PLACEHOLDER_TEXT });
  return {
    toolResult: {
      toolUseId: converseToolId(p.callId),
      content,
      ...(opts.statusField ? { status: p.isError ? 'error' : 'success' } : {}),
    },
  };
}

const TOOL_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * A tool-use id Bedrock accepts (`^[a-zA-Z0-9_-]+$`, at most 64 characters). Other ids are
 * cleaned and suffixed with a hash, so a call and its result always get the same wire id.
 * @example converseToolId('call_1') // 'call_1'
 * @example converseToolId('fc.1/2') // 'fc_1_2_<8 hex>'
 */
export function converseToolId(id: string): string {
  if (TOOL_ID.test(id)) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${id.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64 - hash.length - 1)}_${hash}`;
}
