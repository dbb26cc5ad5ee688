/**
 * @module dialects/shared/read-error-body
 * The first step of reading an upstream error body (wire-contract §4): it may arrive parsed,
 * as JSON text, or as plain text from a gateway or proxy in front of the provider (an HTML
 * or text page). Each codec then reads its own fields from the JSON object.
 */
import { isRecord } from './guards.js';

/** What a codec takes from an error body. */
export interface ErrorBodyFields {
  type?: string;
  message?: string;
}

/** Plain-text bodies longer than this are cut: a gateway's HTML page is not a message. */
const MAX_TEXT_MESSAGE = 2000;

/**
 * Reads an error body: a JSON object goes to `fromObject`; text that is not JSON becomes the
 * message (trimmed, at most 2,000 characters); anything else (an array, a number, blank
 * text) gives nothing.
 * @example
 * readErrorBody('Bad Gateway\n', (b) => ({ message: String(b.message) }))
 * // { message: 'Bad Gateway' }
 */
export function readErrorBody(body: unknown, fromObject: (b: Record<string, unknown>) => ErrorBodyFields): ErrorBodyFields {
  let b = body;
  if (typeof body === 'string') {
    try {
      b = JSON.parse(body);
    } catch {
      const text = body.trim();
      return text ? { message: text.slice(0, MAX_TEXT_MESSAGE) } : {};
    }
  }
  return isRecord(b) ? fromObject(b) : {};
}
