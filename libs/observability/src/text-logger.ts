import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { inspect } from 'node:util';
import { readLogArguments } from './log-arguments';
import { logContextFields } from './log-context';
import { REDACTED, REDACTED_KEYS, withoutEmailAddresses } from './personal-data';

const shown = (key: string, value: unknown): string => {
  if (REDACTED_KEYS.has(key)) return REDACTED;
  const text = typeof value === 'string' ? value : inspect(value, { breakLength: Infinity });
  return withoutEmailAddresses(text);
};

/**
 * Nest's console lines, as people read them in a terminal, with the same care as the JSON lines:
 * email addresses taken out of messages, and the fields given beside a message (and the request's
 * ids) shown after it as `key=value`, censored as in JSON.
 */
export class TextLogger extends ConsoleLogger {
  constructor(logLevels: LogLevel[]) {
    super({ logLevels });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    this.print('log', message, optionalParams);
  }

  override error(message: unknown, ...optionalParams: unknown[]): void {
    this.print('error', message, optionalParams);
  }

  override warn(message: unknown, ...optionalParams: unknown[]): void {
    this.print('warn', message, optionalParams);
  }

  override debug(message: unknown, ...optionalParams: unknown[]): void {
    this.print('debug', message, optionalParams);
  }

  override verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.print('verbose', message, optionalParams);
  }

  override fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.print('fatal', message, optionalParams);
  }

  private print(level: LogLevel, message: unknown, optionalParams: readonly unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    const { messages, fields, context, stack } = readLogArguments(level, message, optionalParams);
    const words = messages
      .map((value) => (value instanceof Error ? value.message : value))
      .map((value) => (typeof value === 'string' ? value : inspect(value)))
      .join(' ');
    const suffix = Object.entries({ ...fields, ...logContextFields() })
      .map(([key, value]) => `${key}=${shown(key, value)}`)
      .join(' ');
    const line = withoutEmailAddresses([words, suffix].filter((part) => part !== '').join(' '));
    const stream = level === 'error' || level === 'fatal' ? 'stderr' : 'stdout';
    this.printMessages([line], context ?? this.context, level, stream);
    if (stack) this.printStackTrace(withoutEmailAddresses(stack));
  }
}
