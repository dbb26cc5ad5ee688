/**
 * @module dialects/shared/tool-call-accumulator
 * Assembles streamed tool-call fragments (`delta.tool_calls[]` of OpenAI-compatible
 * servers) into whole calls, defensively (wire-contract §6.2):
 * - fragments are grouped by `index` when present;
 * - a fragment bringing a NEW id, or a different name, starts a new call even at the same
 *   index (Ollama's OpenAI-compatible endpoint gives every parallel call index 0);
 * - a fragment without index continues the last call unless it brings a new id or name;
 * - a fragment that repeats the call header (name, no distinguishing id) and brings
 *   arguments after the call's arguments are already complete JSON starts a new call
 *   (two parallel calls of one tool without ids);
 * - full arguments in the first fragment are fine; missing ids are synthesized.
 * Calls come out whole, ordered by index (then by appearance), so parallel calls never
 * interleave downstream.
 *
 * @example
 * const acc = new ToolCallAccumulator();
 * acc.add({ index: 0, id: 'call_1', name: 'ls', arguments: '' });
 * acc.add({ index: 0, arguments: '{"dir":"."}' });
 * acc.finish(); // [{ id: 'call_1', name: 'ls', arguments: '{"dir":"."}' }]
 */
import { newId } from '../../ir/helpers.js';
import { isCompleteJson } from './guards.js';

/** One streamed piece of a tool call. */
export interface ToolCallFragment {
  index?: number;
  id?: string;
  name?: string;
  arguments?: string;
}

/** A finished call. `arguments` is the concatenated text, `'{}'` when the model sent none. */
export interface AccumulatedToolCall {
  id: string;
  name: string;
  arguments: string;
}

interface Slot {
  index?: number;
  ordinal: number;
  id?: string;
  name?: string;
  args: string;
}

export class ToolCallAccumulator {
  readonly #slots: Slot[] = [];
  readonly #byIndex = new Map<number, Slot>();
  readonly #makeId: () => string;

  /** `makeId` synthesizes ids for calls that arrive without one (tests pass a counter). */
  constructor(makeId: () => string = () => newId('call')) {
    this.#makeId = makeId;
  }

  /** Number of calls seen so far. */
  get size(): number {
    return this.#slots.length;
  }

  add(fragment: ToolCallFragment): void {
    const id = fragment.id || undefined;
    const name = fragment.name || undefined;
    const args = fragment.arguments ?? '';
    const current = fragment.index === undefined ? this.#slots.at(-1) : this.#byIndex.get(fragment.index);
    let slot = current;
    if (!slot || startsNewCall(slot, id, name, args)) {
      slot = { index: fragment.index ?? slot?.index, ordinal: this.#slots.length, args: '' };
      this.#slots.push(slot);
      if (slot.index !== undefined) this.#byIndex.set(slot.index, slot);
    }
    slot.id ??= id;
    slot.name ??= name;
    slot.args += args;
  }

  /** The finished calls, ordered by index then appearance. Fragments with neither name nor arguments are dropped. */
  finish(): AccumulatedToolCall[] {
    return this.#slots
      .filter((s) => s.name !== undefined || s.args.trim().length > 0)
      // Index order; calls that never had an index follow, in order of appearance.
      .sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity) || a.ordinal - b.ordinal)
      .map((s) => ({
        id: s.id ?? this.#makeId(),
        name: s.name ?? '',
        arguments: s.args.trim().length > 0 ? s.args : '{}',
      }));
  }
}

function startsNewCall(slot: Slot, id: string | undefined, name: string | undefined, args: string): boolean {
  if (id !== undefined && slot.id !== undefined) return id !== slot.id;
  if (name !== undefined && slot.name !== undefined && name !== slot.name) return true;
  // A call header again (name, or an id where the slot had none) with arguments of its
  // own while the slot's arguments are already complete: a second call of the same tool.
  return (name !== undefined || id !== undefined) && args.length > 0 && isCompleteJson(slot.args);
}
