import { ConfigurationError, type LogLevel, LOG_LEVELS } from '@sg/config';
import { type LogLevel as NestLogLevel } from '@nestjs/common';

/** Nest's log levels from the configured threshold down to the most severe. */
export function logLevelsFrom(threshold: LogLevel): NestLogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(threshold) + 1);
}

/**
 * Runs a process's start-up. A wrong setting ends it with a message naming the setting (exit 1)
 * instead of a stack trace.
 */
export function bootstrap(start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}
