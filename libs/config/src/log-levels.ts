import { type LogLevel, LOG_LEVELS } from './environment-variables';
import { type LogLevel as NestLogLevel } from '@nestjs/common';

/** Nest's log levels from the configured threshold down to the most severe. */
export function logLevelsFrom(threshold: LogLevel): NestLogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(threshold) + 1);
}
