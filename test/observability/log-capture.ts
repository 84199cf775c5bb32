import { type INestApplication } from '@nestjs/common';
import { JsonLogger } from '@sg/observability';

export interface LogLine {
  readonly level: string;
  readonly time: string;
  readonly msg: string;
  readonly context?: string;
  readonly requestId?: string;
  readonly correlationId?: string;
  readonly [field: string]: unknown;
}

export interface CapturedLogs {
  /** Every line written so far, exactly as written. */
  readonly raw: string[];
  /** The same lines, parsed; a line that is not JSON fails the parse. */
  lines(): LogLine[];
}

/** Gives the application the JSON logger, writing into memory instead of to stdout. */
export function captureJsonLogs(app: INestApplication): CapturedLogs {
  const raw: string[] = [];
  app.useLogger(
    new JsonLogger({ level: 'debug', destination: { write: (line) => raw.push(line) } }),
  );
  return {
    raw,
    lines: () => raw.map((line) => JSON.parse(line) as LogLine),
  };
}
