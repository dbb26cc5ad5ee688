/**
 * @module dialects/openai-responses/decode-content
 * Decodes Responses content parts (inside `message` items and `function_call_output.output`)
 * into IR parts (wire-contract §2.1.1, §6.1 "Content parts"). Unknown part types become
 * opaque parts rather than errors.
 */
import { parseDataUrl } from '../../ir/helpers.js';
import type { IrDocumentPart, IrImagePart, IrOpaquePart, IrPart, IrTextPart } from '../../ir/types.js';
import { arr, isObject, str, type WireObject } from './wire-values.js';

/** Content parts a message may hold. */
export type ContentPart = IrTextPart | IrImagePart | IrDocumentPart | IrOpaquePart;

function opaque(value: unknown): IrOpaquePart {
  return { type: 'opaque', dialect: 'openai-responses', value };
}

/**
 * `input_image` → image part. Codex sends `detail: "original"`, which no chat API knows:
 * it is normalised to `"high"` (§2.1.1).
 */
export function decodeImage(part: WireObject): IrImagePart | IrOpaquePart {
  const url = str(part.image_url) ?? str((part.image_url as WireObject | undefined)?.url);
  if (!url) return opaque(part); // `file_id` images have no IR form
  const data = parseDataUrl(url);
  const image: IrImagePart = data
    ? { type: 'image', source: { kind: 'base64', mediaType: data.mediaType, data: data.data } }
    : { type: 'image', source: { kind: 'url', url } };
  const detail = str(part.detail);
  if (detail) image.detail = detail === 'original' ? 'high' : detail;
  return image;
}

/** `input_file` with inline `file_data` → document part; URL or file-id files stay opaque. */
function decodeFile(part: WireObject): IrDocumentPart | IrOpaquePart {
  const fileData = str(part.file_data);
  if (!fileData) return opaque(part);
  const dataUrl = parseDataUrl(fileData);
  const filename = str(part.filename);
  const doc: IrDocumentPart = dataUrl
    ? { type: 'document', mediaType: dataUrl.mediaType, data: dataUrl.data }
    : { type: 'document', mediaType: mediaTypeFor(filename), data: fileData };
  if (filename) doc.title = filename;
  return doc;
}

/** OpenAI's `file_data` is documented as a data URL; raw base64 is assumed to be a PDF unless named otherwise. */
function mediaTypeFor(filename: string | undefined): string {
  if (!filename || /\.pdf$/i.test(filename)) return 'application/pdf';
  if (/\.(txt|md|csv|json)$/i.test(filename)) return 'text/plain';
  return 'application/octet-stream';
}

/** One content part of a message. */
export function decodeContentPart(part: unknown): ContentPart {
  if (typeof part === 'string') return { type: 'text', text: part };
  if (!isObject(part)) return opaque(part);
  switch (part.type) {
    case 'input_text':
    case 'output_text':
    case 'text':
      return { type: 'text', text: str(part.text) ?? '' };
    case 'refusal':
      return { type: 'text', text: str(part.refusal) ?? str(part.text) ?? '' };
    case 'input_image':
      return decodeImage(part);
    case 'input_file':
      return decodeFile(part);
    default:
      return opaque(part);
  }
}

/** A message's `content`: a string (one text part) or an array of parts. */
export function decodeMessageContent(content: unknown): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return arr(content).map(decodeContentPart);
}

/**
 * A tool output (`function_call_output.output`): a string is one text part; an array holds
 * `input_text` / `input_image` parts. Tool results carry only text and images in the IR,
 * so anything else is rendered as a short text note instead of being lost silently.
 */
export function decodeToolOutput(output: unknown): Array<IrTextPart | IrImagePart> {
  if (typeof output === 'string') return [{ type: 'text', text: output }];
  if (output === undefined || output === null) return [{ type: 'text', text: '' }];
  if (!Array.isArray(output)) return [{ type: 'text', text: JSON.stringify(output) }];
  const parts: Array<IrTextPart | IrImagePart> = [];
  for (const raw of output) {
    const part = decodeContentPart(raw);
    switch (part.type) {
      case 'text':
      case 'image':
        parts.push(part);
        break;
      case 'document':
        parts.push({ type: 'text', text: `[file${part.title ? ` ${part.title}` : ''} omitted]` });
        break;
      case 'opaque':
        parts.push({ type: 'text', text: JSON.stringify(part.value) });
        break;
    }
  }
  return parts;
}

/** Every part of a content list that is text, as IR text parts (for system content). */
export function textPartsOf(parts: readonly IrPart[]): IrTextPart[] {
  return parts.filter((p): p is IrTextPart => p.type === 'text');
}
