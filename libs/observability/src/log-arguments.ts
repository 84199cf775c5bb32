import { type LogLevel } from '@nestjs/common';

/** What a Nest logging call was given, sorted out: the words, the fields, the context, the stack. */
export interface LogArguments {
  /** The message and any further values given as messages, in order. */
  readonly messages: unknown[];
  /** Plain objects given beside the message: logged as fields of the line. */
  readonly fields: Record<string, unknown>;
  readonly context?: string;
  readonly stack?: string;
}

const STACK = /^.+\n\s+at .+/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Reads the arguments of `log(message, ...optionalParams)` as Nest's own console logger does: the
 * last string is the context, and for `error` the string before it (or a lone string shaped like a
 * stack) is the stack. Plain objects become fields, so `logger.warn('…', { correlationId })`
 * carries the id as a field of its own.
 */
export function readLogArguments(
  level: LogLevel,
  message: unknown,
  optionalParams: readonly unknown[],
): LogArguments {
  const params = [...optionalParams];
  let context: string | undefined;
  let stack: string | undefined;
  if (level === 'error' && params.length === 1 && typeof params[0] === 'string') {
    if (STACK.test(params[0])) stack = params[0];
    else context = params[0];
    params.length = 0;
  }
  if (params.length > 0 && typeof params[params.length - 1] === 'string')
    context = params.pop() as string;
  if (level === 'error' && params.length > 0) {
    const last = params[params.length - 1];
    if (typeof last === 'string' || last === undefined) {
      params.pop();
      stack = last;
    }
  }
  const messages: unknown[] = [];
  const fields: Record<string, unknown> = {};
  for (const value of [message, ...params]) {
    if (isPlainObject(value)) Object.assign(fields, value);
    else if (value !== undefined) messages.push(value);
  }
  return { messages, fields, context, stack };
}
