import { Logger, type LoggerService } from '@nestjs/common';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type LogContext, withLogContext } from './log-context';
import { loggablePath } from './loggable-path';
import { requestIdFrom, wellFormedId } from './request-id';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Probes, scrapes and static files come often and tell little: logged only at debug. */
const QUIET_PATHS = /^\/(health|metrics|assets|favicon)/;

/**
 * Gives every request its id (the caller's X-Request-Id if well-formed, else a new one), echoed in
 * the answer, and logs one line when the answer has gone: method, path (see `loggablePath`),
 * status, time taken, request id and correlation id. Everything logged while the request is served
 * carries the same ids.
 *
 * `begin` goes first, before anything can answer. Reading a body hands the request on from the
 * stream's own events, outside the request's context, so `resume` goes after the body parsers to
 * bring it back.
 */
export function requestLogging(logger: Pick<LoggerService, 'log' | 'debug' | 'error'>): {
  readonly begin: Middleware;
  readonly resume: Middleware;
} {
  const contexts = new WeakMap<IncomingMessage, LogContext>();
  const identifyAndLogRequest: Middleware = (request, response, next) => {
    const context: LogContext = {
      requestId: requestIdFrom(request.headers['x-request-id']),
      correlationId: wellFormedId(request.headers['x-correlation-id']),
    };
    contexts.set(request, context);
    response.setHeader(REQUEST_ID_HEADER, context.requestId);
    const started = process.hrtime.bigint();
    // Taken now: a handler mounted under a prefix (the assets, the API's docs) sees `url` without it.
    const path = loggablePath(request.url);
    response.once('close', () => {
      const status = response.statusCode;
      const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      const aborted = !response.writableFinished;
      const fields = {
        requestId: context.requestId,
        ...(context.correlationId ? { correlationId: context.correlationId } : {}),
        method: request.method,
        path,
        status,
        durationMs,
        ...(aborted ? { aborted } : {}),
      };
      const line = `${request.method} ${path} ${aborted ? 'aborted' : status} in ${durationMs} ms`;
      if (status >= 500) logger.error(line, fields);
      else if (QUIET_PATHS.test(path)) logger.debug?.(line, fields);
      else logger.log(line, fields);
    });
    withLogContext(context, next);
  };
  const restoreRequestLogContext: Middleware = (request, _response, next) => {
    const context = contexts.get(request);
    if (context) withLogContext(context, next);
    else next();
  };
  return { begin: identifyAndLogRequest, resume: restoreRequestLogContext };
}

/** The same, logging through Nest's logger (whatever the application was given). */
export const httpRequestLogging = () => requestLogging(new Logger('Http'));
