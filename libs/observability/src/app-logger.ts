import { type LoggerService } from '@nestjs/common';
import { type EnvironmentVariables, logLevelsFrom } from '@sg/config';
import { type DestinationStream } from 'pino';
import { JsonLogger } from './json-logger';
import { logFormatFrom } from './log-format';
import { TextLogger } from './text-logger';

/** The process's logger, as LOG_FORMAT and LOG_LEVEL ask: hand it to Nest, and log through Nest. */
export function appLogger(
  settings: Pick<EnvironmentVariables, 'LOG_FORMAT' | 'LOG_LEVEL' | 'NODE_ENV'>,
  destination?: DestinationStream,
): LoggerService {
  return logFormatFrom(settings) === 'json'
    ? new JsonLogger({ level: settings.LOG_LEVEL, destination })
    : new TextLogger(logLevelsFrom(settings.LOG_LEVEL));
}
