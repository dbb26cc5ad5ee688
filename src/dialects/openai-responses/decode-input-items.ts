/**
 * @module dialects/openai-responses/decode-input-items
 * Decodes the Responses `input` array into IR system parts and messages
 * (wire-contract §2.1.1, §6.1).
 *
 * Grouping is the part that matters: consecutive assistant `message`, `reasoning`,
 * `function_call` and `custom_tool_call` items form ONE assistant message, and consecutive
 * `function_call_output` / `custom_tool_call_output` items form ONE tool message. Splitting
 * them breaks call/result pairing on OpenAI ("tool messages must follow an assistant message
 * with tool_calls") and Anthropic ("tool_use ids were found without tool_result blocks").
 *
 * Developer/system messages before the first conversation item are leading system content;
 * later ones stay in place as `system` messages. Item types without IR meaning (hosted
 * `web_search_call`, `compaction`, `compaction_trigger`, `tool_search_*`, anything unknown)
 * become opaque parts, never errors.
 */
import { newId } from '../../ir/helpers.js';
import type {
  IrMessage,
  IrOpaquePart,
  IrPart,
  IrReasoningPart,
  IrTextPart,
  IrToolCallPart,
  IrToolResultPart,
} from '../../ir/types.js';
import { decodeMessageContent, decodeToolOutput, textPartsOf } from './decode-content.js';
import { decodeReasoningBlob } from './reasoning-blob.js';
import { arr, isObject, str, type WireObject } from './wire-values.js';

/** Which message an item lands in; consecutive items of one group share a message. */
type Group = 'assistant' | 'tool' | 'opaque-user' | 'other';

const ROLE_OF_GROUP = { assistant: 'assistant', tool: 'tool', 'opaque-user': 'user' } as const;

export interface DecodedInput {
  system: IrTextPart[];
  messages: IrMessage[];
}

/** Decodes `input` items in order. Never throws on an item. */
export function decodeInputItems(items: readonly unknown[]): DecodedInput {
  const system: IrTextPart[] = [];
  const messages: IrMessage[] = [];
  /** call_id → tool name, to name the results. */
  const callNames = new Map<string, string>();
  let lastGroup: Group = 'other';
  let conversationStarted = false;

  /** Appends to the last message when it belongs to the same group, else opens a new one. */
  function add(group: Exclude<Group, 'other'>, part: IrPart): void {
    const role = ROLE_OF_GROUP[group];
    const last = messages[messages.length - 1];
    if (lastGroup === group && last?.role === role) last.parts.push(part);
    else messages.push({ role, parts: [part] });
    lastGroup = group;
    conversationStarted = true;
  }

  for (const raw of items) {
    if (!isObject(raw)) {
      add('opaque-user', opaque(raw));
      continue;
    }
    // An item without `type` but with `role` is OpenAI's "easy" input message.
    const type = str(raw.type) ?? (raw.role !== undefined ? 'message' : undefined);
    switch (type) {
      case 'message': {
        const role = str(raw.role);
        const parts = decodeMessageContent(raw.content);
        if (role === 'developer' || role === 'system') {
          if (!conversationStarted) system.push(...textPartsOf(parts));
          else if (parts.length > 0) {
            messages.push({ role: 'system', parts });
            lastGroup = 'other';
          }
        } else if (role === 'assistant') {
          // Codex echoes an empty assistant message after a pure tool turn (§6.4): drop empty text.
          const kept = parts.filter((p) => p.type !== 'text' || p.text.length > 0);
          for (const p of kept) add('assistant', p);
        } else if (parts.length > 0) {
          messages.push({ role: 'user', parts });
          lastGroup = 'other';
          conversationStarted = true;
        }
        break;
      }
      case 'reasoning':
        add('assistant', decodeReasoningItem(raw));
        break;
      case 'function_call':
      case 'custom_tool_call': {
        const call = decodeCallItem(raw);
        callNames.set(call.id, call.name);
        add('assistant', call);
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
        add('tool', decodeOutputItem(raw, callNames));
        break;
      default:
        // Hosted calls the server ran (`web_search_call`, `local_shell_call`, …) belong to the
        // assistant turn; everything else (compaction items, tool_search_output, …) to the user side.
        if (type?.endsWith('_call')) add('assistant', opaque(raw));
        else add('opaque-user', opaque(raw));
    }
  }
  return { system, messages };
}

function opaque(value: unknown): IrOpaquePart {
  return { type: 'opaque', dialect: 'openai-responses', value };
}

function joinTexts(parts: unknown, type: string, sep: string): string | undefined {
  const texts = arr(parts)
    .filter((p): p is WireObject => isObject(p) && (p.type === type || p.type === undefined))
    .map((p) => str(p.text))
    .filter((t): t is string => t !== undefined);
  return texts.length > 0 ? texts.join(sep) : undefined;
}

/**
 * `reasoning` → reasoning part. The text is the raw `reasoning_text` content when present,
 * else the summary. `encrypted_content` is Lynkr's own blob (restores signature, redacted
 * data and provider, §6.2) or someone else's, kept opaque for its own dialect only.
 */
export function decodeReasoningItem(item: WireObject): IrReasoningPart {
  const summary = joinTexts(item.summary, 'summary_text', '\n\n');
  const content = joinTexts(item.content, 'reasoning_text', '');
  const part: IrReasoningPart = { type: 'reasoning', text: content ?? summary ?? '' };
  const encrypted = str(item.encrypted_content);
  const blob = decodeReasoningBlob(encrypted);
  if (blob) {
    part.text = blob.text;
    if (blob.signature !== undefined) part.signature = blob.signature;
    if (blob.redactedData !== undefined) part.redactedData = blob.redactedData;
    if (blob.provider !== undefined) part.provider = blob.provider;
  } else if (encrypted) {
    part.encrypted = { dialect: 'openai-responses', value: encrypted };
  }
  if (summary !== undefined && summary !== part.text) part.summary = summary;
  return part;
}

/** `function_call` / `custom_tool_call` → tool-call part (custom input is raw text, not JSON). */
export function decodeCallItem(item: WireObject): IrToolCallPart {
  const custom = item.type === 'custom_tool_call';
  const payload = custom ? item.input : item.arguments;
  const call: IrToolCallPart = {
    type: 'tool_call',
    id: str(item.call_id) ?? str(item.id) ?? newId('call'),
    name: str(item.name) ?? '',
    toolKind: custom ? 'custom' : 'function',
    arguments: typeof payload === 'string' ? payload : payload === undefined ? '' : JSON.stringify(payload),
  };
  const namespace = str(item.namespace);
  if (namespace) call.namespace = namespace;
  return call;
}

/** `function_call_output` / `custom_tool_call_output` → tool-result part. */
function decodeOutputItem(item: WireObject, callNames: ReadonlyMap<string, string>): IrToolResultPart {
  const callId = str(item.call_id) ?? '';
  const result: IrToolResultPart = {
    type: 'tool_result',
    callId,
    toolKind: item.type === 'custom_tool_call_output' ? 'custom' : 'function',
    content: decodeToolOutput(item.output),
  };
  const name = callNames.get(callId);
  if (name) result.name = name;
  return result;
}
