import { type EnvironmentVariables } from '@sg/config';

/** `json`: one JSON object a line, for a log collector; `text`: Nest's console lines, for people. */
export type LogFormat = 'json' | 'text';

/** The format LOG_FORMAT names (`pretty` is another name for `text`); unset, JSON in production. */
export function logFormatFrom(
  settings: Pick<EnvironmentVariables, 'LOG_FORMAT' | 'NODE_ENV'>,
): LogFormat {
  if (settings.LOG_FORMAT === 'json') return 'json';
  if (settings.LOG_FORMAT === 'text' || settings.LOG_FORMAT === 'pretty') return 'text';
  return settings.NODE_ENV === 'production' ? 'json' : 'text';
}
