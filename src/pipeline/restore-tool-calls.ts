/**
 * @module pipeline/restore-tool-calls
 * Maps the tool calls a model made (under the flat wire names Lynkr sent upstream) back
 * to the client's identities: the original name, its Responses `namespace`, and whether
 * it was a free-form `custom` tool. A custom tool travels upstream as a function taking
 * `{"input": string}`; its call is unwrapped here to the raw input (wire-contract §6.1),
 * falling back to the raw arguments when they are not such an object. Function calls
 * stream through untouched; only custom calls are buffered, and only their arguments.
 */
import type { ToolNameMap } from '../ir/tool-names.js';
import type { IrStream } from '../ir/types.js';
import { mapEvents, type EventMapper } from './map-events.js';

export function restoreToolCalls(events: IrStream, toolNames: ToolNameMap): IrStream {
  return mapEvents(events, restoreToolCallsMapper(toolNames));
}

export function restoreToolCallsMapper(toolNames: ToolNameMap): EventMapper {
  const custom = new Map<string, string>(); // call id → buffered JSON arguments
  return {
    map(ev, emit) {
      switch (ev.type) {
        case 'tool-call-start': {
          const id = toolNames.resolve(ev.name);
          if (id.toolKind === 'custom') custom.set(ev.id, '');
          emit({ type: 'tool-call-start', id: ev.id, name: id.name, namespace: id.namespace, toolKind: id.toolKind });
          return;
        }
        case 'tool-call-delta': {
          const buffered = custom.get(ev.id);
          if (buffered === undefined) emit(ev);
          else custom.set(ev.id, buffered + ev.delta);
          return;
        }
        case 'tool-call-end': {
          const buffered = custom.get(ev.id);
          if (buffered !== undefined) {
            custom.delete(ev.id);
            const input = unwrapCustomInput(buffered);
            if (input) emit({ type: 'tool-call-delta', id: ev.id, delta: input });
          }
          emit(ev);
          return;
        }
        default:
          emit(ev);
      }
    },
  };
}

/** `{"input":"…"}` → `…`; anything else is returned as it came. */
export function unwrapCustomInput(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { input?: unknown }).input === 'string') {
      return (parsed as { input: string }).input;
    }
    if (typeof parsed === 'string') return parsed;
  } catch {
    // not JSON: the model wrote the raw input itself
  }
  return args;
}
