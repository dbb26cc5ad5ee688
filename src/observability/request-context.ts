/**
 * @module observability/request-context
 * The model request a piece of code runs for, carried by AsyncLocalStorage so that code far
 * from the route (the undici diagnostics subscriber in `upstream-debug-log.ts`) can tag its
 * debug lines with the request id without every layer passing it along.
 * @see https://nodejs.org/docs/latest-v20.x/api/async_context.html#class-asynclocalstorage
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger.js';

export interface RequestContext {
  requestId: string;
  /** The request's child logger (its level decides whether debug lines are written). */
  log: Logger;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
