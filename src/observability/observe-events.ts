/**
 * @module observability/observe-events
 * A pass-through stage over the upstream's decoded IR events: notes when the first token
 * arrives (time to first token) and, with LOG_LEVEL=debug, logs every decoded event with
 * the request id. Events are never changed, delayed or dropped.
 */
import type { IrStream, IrStreamEvent } from '../ir/types.js';
import { mapEvents, type EventMapper } from '../pipeline/map-events.js';
import type { Logger } from './logger.js';

export interface EventObserver {
  /** Called once, at the first text, reasoning or tool-call delta. */
  onFirstToken?(): void;
  log?: Logger;
  requestId?: string;
}

/** True for the events that carry generated tokens. */
export function isTokenEvent(ev: IrStreamEvent): boolean {
  return ev.type === 'text-delta' || ev.type === 'reasoning-delta' || ev.type === 'tool-call-delta' || ev.type === 'tool-call-start';
}

export function observeEvents(events: IrStream, observer: EventObserver): IrStream {
  return mapEvents(events, observeEventsMapper(observer));
}

export function observeEventsMapper(observer: EventObserver): EventMapper {
  const debug = observer.log?.isLevelEnabled('debug') === true;
  let waitingForToken = observer.onFirstToken !== undefined;
  return {
    map(ev, emit) {
      if (waitingForToken && isTokenEvent(ev)) {
        waitingForToken = false;
        observer.onFirstToken?.();
      }
      if (debug && ev.type !== 'keepalive') observer.log!.debug({ requestId: observer.requestId, event: loggable(ev) }, 'upstream event');
      emit(ev);
    },
  };
}

/** Errors are class instances: log their code and message, not an empty object. */
function loggable(ev: IrStreamEvent): unknown {
  return ev.type === 'error' ? { type: 'error', code: ev.error.code, message: ev.error.message } : ev;
}
