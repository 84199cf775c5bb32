import { AsyncLocalStorage } from 'node:async_hooks';

/** What every line logged while one request is served carries, to find them all again. */
export interface LogContext {
  readonly requestId: string;
  /** The request's own, or the one the first command it sent carried into its events. */
  correlationId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** The context of the request being served, if any. */
export const currentLogContext = (): LogContext | undefined => storage.getStore();

/** Runs `work`, and everything it sets off, within `context`. */
export const withLogContext = <T>(context: LogContext, work: () => T): T =>
  storage.run(context, work);

/** The context's ids as log fields. */
export const logContextFields = (context = currentLogContext()): Record<string, string> =>
  context
    ? {
        requestId: context.requestId,
        ...(context.correlationId ? { correlationId: context.correlationId } : {}),
      }
    : {};
