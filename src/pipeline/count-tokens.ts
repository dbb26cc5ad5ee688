/**
 * @module pipeline/count-tokens
 * Counts a request's input tokens with a real BPE tokenizer (js-tiktoken, `o200k_base`),
 * for `POST /v1/messages/count_tokens` when the upstream cannot count itself. Counted:
 * system text, each tool's name, description and JSON schema, every message's text,
 * tool-call arguments and tool results; images at Anthropic's typical ~1,600 tokens
 * (their size is not known here), documents by their text or a flat estimate. Claude
 * tokenizes differently from o200k; the count is an estimate, always an integer that
 * grows with the content.
 */
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import type { IrPart, IrRequest } from '../ir/types.js';

let encoder: Tiktoken | undefined;
function tokens(text: string): number {
  if (!text) return 0;
  encoder ??= new Tiktoken(o200k);
  return encoder.encode(text, [], []).length;
}

const IMAGE_TOKENS = 1600;
const DOCUMENT_TOKENS = 3000;
/** Per-message and per-tool framing tokens (role markers, separators). */
const MESSAGE_OVERHEAD = 4;
const TOOL_OVERHEAD = 8;

export function countRequestTokens(req: IrRequest): number {
  let n = 0;
  for (const p of req.system) n += tokens(p.text);
  for (const t of req.tools) {
    if (t.kind === 'hosted') n += TOOL_OVERHEAD;
    else n += TOOL_OVERHEAD + tokens(t.name) + tokens(t.description ?? '') + tokens(t.kind === 'function' ? JSON.stringify(t.parameters) : JSON.stringify(t.format ?? ''));
  }
  for (const m of req.messages) n += MESSAGE_OVERHEAD + partsTokens(m.parts);
  return n;
}

function partsTokens(parts: readonly IrPart[]): number {
  let n = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        n += tokens(p.text);
        break;
      case 'image':
        n += IMAGE_TOKENS;
        break;
      case 'document':
        n += p.text ? tokens(p.text) : DOCUMENT_TOKENS;
        break;
      case 'tool_call':
        n += tokens(p.name) + tokens(p.arguments);
        break;
      case 'tool_result':
        n += partsTokens(p.content);
        break;
      case 'reasoning':
        n += tokens(p.text);
        break;
      case 'opaque':
        n += tokens(JSON.stringify(p.value ?? ''));
        break;
    }
  }
  return n;
}
