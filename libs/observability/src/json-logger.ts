import { type LoggerService, type LogLevel } from '@nestjs/common';
import { type EnvironmentVariables } from '@sg/config';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import { inspect } from 'node:util';
import { readLogArguments } from './log-arguments';
import { logContextFields } from './log-context';
import { withoutEmailAddresses, withoutPersonalData } from './personal-data';

type NestLevel = EnvironmentVariables['LOG_LEVEL'];

const PINO_LEVELS: Record<NestLevel, pino.Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Most severe first, as LOG_LEVEL counts them. */
const SEVERITY: readonly NestLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Nest's logger interface over pino: one JSON object a line with `time`, `level`, `context`, `msg`,
 * the request's `requestId` and `correlationId` when there is one, and any fields given. Names,
 * addresses, message bodies and credentials are censored by field, and email addresses are taken
 * out of every message, since free text may quote one.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(options: { readonly level: NestLevel; readonly destination?: DestinationStream }) {
    this.pino = pino(
      {
        level: PINO_LEVELS[options.level],
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        // Errors arrive already written out, with their type and without email addresses.
        serializers: { err: (error: unknown) => error },
        mixin: () => logContextFields(),
      },
      // One write a line, as it is logged: a line held in a buffer is lost when the process is
      // stopped by a signal, killed or runs out of memory, which is when it is wanted most.
      options.destination ?? pino.destination({ dest: 1, sync: true }),
    );
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('log', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /** Nest passes the levels to show; pino needs only the least severe of them. */
  setLogLevels(levels: LogLevel[]): void {
    const least = [...SEVERITY].reverse().find((level) => levels.includes(level));
    this.pino.level = least ? PINO_LEVELS[least] : 'silent';
  }

  private write(level: NestLevel, message: unknown, optionalParams: readonly unknown[]): void {
    const pinoLevel = PINO_LEVELS[level];
    if (!this.pino.isLevelEnabled(pinoLevel)) return;
    const { messages, fields, context, stack } = readLogArguments(level, message, optionalParams);
    const error = messages.find((value): value is Error => value instanceof Error);
    const words = messages.map((value) => (value instanceof Error ? value.message : value));
    const line = {
      ...(withoutPersonalData(fields) as Record<string, unknown>),
      ...(context ? { context } : {}),
      ...(error ? { err: withoutPersonalData(error) } : {}),
      ...(stack ? { stack: withoutEmailAddresses(stack) } : {}),
    };
    const text = words.map((word) => (typeof word === 'string' ? word : inspect(word))).join(' ');
    this.pino[pinoLevel](line, withoutEmailAddresses(text));
  }
}
