/**
 * @module dialects/shared/tool-result-content
 * Flattening helpers for upstreams whose tool messages take a plain string
 * (wire-contract §6.3: flatten the text, prefix errors with "Error: ", move images into a
 * following user message) and a text note for documents most chat upstreams cannot read.
 */
import type { IrDocumentPart, IrImagePart, IrToolResultPart } from '../../ir/types.js';

/** The result's text parts joined with newlines, prefixed "Error: " when the tool failed. */
export function toolResultText(r: IrToolResultPart): string {
  const text = r.content
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('\n');
  return r.isError ? `Error: ${text}` : text;
}

/** Tool-message text for a result that returned only images (the images follow in a user message). */
export const IMAGES_FOLLOW_TEXT = '(the tool returned images: they follow in the next message)';

/** The image parts of a tool result. */
export function toolResultImages(r: IrToolResultPart): IrImagePart[] {
  return r.content.filter((p): p is IrImagePart => p.type === 'image');
}

/**
 * A text stand-in for a document: plain-text documents are inlined, binary ones (PDF)
 * are named so the model knows something was attached that it cannot see.
 */
export function documentNote(d: IrDocumentPart): string {
  const title = d.title ? ` "${d.title}"` : '';
  if (d.text !== undefined) return `[Document${title} (${d.mediaType})]\n${d.text}`;
  return `[Document${title} (${d.mediaType}) attached: this model cannot read it]`;
}
