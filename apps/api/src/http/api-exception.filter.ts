import {
  BadRequestException,
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { SignInRefused } from '@sg/auth';
import { StaleVersion } from '@sg/complaint-service';
import { DomainError } from '@sg/complaints';
import { InvalidCursorError, InvalidPeriodError } from '@sg/read-models';
import { RecordedNotYetReadable } from './recorded-not-yet-readable';
import { isServerUnreachable, WrongExpectedVersion } from '@sg/event-store';
import { type Response } from 'express';
import { type RequestWithIdentity } from '../auth/request-identity';
import { renderErrorPage } from '../pages/core/error-pages';
import { type PageRenderer } from '../pages/core/page-renderer';
import { isClientHttpError } from './edge/client-http-error';
import { isApiPath, isAuthPath, isHealthPath } from './edge/site-paths';

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

/**
 * One error shape for every failure: `{ statusCode, code, message }`, and `errors` naming each
 * field when a body or query is refused. Domain and sign-in refusals keep their stable code (and a
 * limit's Retry-After); the store or Redis out of reach is a 503; an unexpected error is logged
 * and answered 500 without its internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  /** With `pages`, a request for a page is answered with an error page rather than JSON. */
  constructor(private readonly pages?: PageRenderer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<RequestWithIdentity>();
    if (error instanceof RecordedNotYetReadable) {
      response
        .status(HttpStatus.ACCEPTED)
        .setHeader('Location', error.location)
        .setHeader('ETag', error.etag)
        .json(error.body);
      return;
    }
    if (error instanceof SignInRefused && error.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    const [status, body] = this.describe(error);
    if (this.pages && wantsPage(request, status)) {
      if (response.headersSent) return;
      renderErrorPage(
        this.pages,
        request,
        response,
        status,
        body.code as string | undefined,
        typeof body.message === 'string' ? body.message : undefined,
      );
      return;
    }
    response.status(status).json({ statusCode: status, ...body });
  }

  private describe(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof DomainError)
      return [STATUS_OF_KIND[error.kind], { code: error.code, message: error.message }];
    // Refused on the way in (a wrong password, a used link, too many attempts, lodging's limit).
    if (error instanceof SignInRefused)
      return [error.status, { code: error.code, message: error.message }];
    if (error instanceof StaleVersion) {
      return [HttpStatus.PRECONDITION_FAILED, { code: 'STALE_VERSION', message: error.message }];
    }
    if (error instanceof WrongExpectedVersion) {
      return [
        HttpStatus.CONFLICT,
        {
          code: 'CONCURRENT_UPDATE',
          message: 'The complaint changed while this request ran; try again',
        },
      ];
    }
    if (error instanceof InvalidCursorError || error instanceof InvalidPeriodError) {
      const field = error instanceof InvalidCursorError ? 'cursor' : 'period';
      return [
        HttpStatus.BAD_REQUEST,
        {
          code: 'VALIDATION_FAILED',
          message: error.message,
          errors: [{ field, messages: [error.message] }],
        },
      ];
    }
    if (isUndecodablePath(error)) {
      const message = 'The address has a % that does not begin a UTF-8 character';
      return [
        HttpStatus.BAD_REQUEST,
        { code: 'VALIDATION_FAILED', message, errors: [{ field: 'path', messages: [message] }] },
      ];
    }
    if (error instanceof HttpException) return [error.getStatus(), shapeOf(error)];
    // Express and its middleware (static files, say) refuse requests with errors of their own.
    if (isClientHttpError(error)) {
      return [
        error.status,
        { code: HttpStatus[error.status] ?? 'BAD_REQUEST', message: error.message },
      ];
    }
    if (isServerUnreachable(error)) {
      // The store's server or Redis is out of reach: nothing is wrong with the request. A write
      // cut off as it committed may have been kept, so a client sends it again with the same
      // Idempotency-Key. A full disk or a broken file is no outage to wait out: a 500, with its
      // stack. The operator has readiness and metrics for the outage itself.
      this.logger.warn(`unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return [
        HttpStatus.SERVICE_UNAVAILABLE,
        {
          code: 'TEMPORARILY_UNAVAILABLE',
          message: 'This service is unavailable just now. Try again in a few minutes',
        },
      ];
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      { code: 'INTERNAL_ERROR', message: 'Something went wrong' },
    ];
  }
}

/**
 * Express's router could not decode a parameter of the path (`/api/complaints/%E0%A4%A`); Nest
 * hands on its URIError as a BadRequestException with the same message.
 */
const isUndecodablePath = (error: unknown): boolean =>
  (error instanceof URIError || error instanceof BadRequestException) &&
  error.message.startsWith('Failed to decode param');

const isPagePath = (url: string) => !isApiPath(url) && !isAuthPath(url) && !isHealthPath(url);

/**
 * Whether the error is answered as a page: a page's path, or sign-in's own pages (an email's
 * link) when a browser asks for them, as it asks for HTML, with what it sent refused. A sign-in
 * refused there (401, 403) keeps its own answer: the error pages would send it to sign in again,
 * carrying the spent code in the address, or call it an account that may not do this.
 */
const wantsPage = (request: RequestWithIdentity, status: number): boolean =>
  isPagePath(request.originalUrl) ||
  (isAuthPath(request.originalUrl) &&
    status !== 401 &&
    status !== 403 &&
    request.accepts(['json', 'html']) === 'html');

// Nest's own exceptions repeat the status in their body, and add its name as `error`.
const REPEATED_BY_NEST = new Set(['statusCode', 'error', 'code', 'message']);

/**
 * The shape of an HttpException's answer, whoever threw it: ours carry `{ code, message }` (and
 * `errors` naming fields, or the health report a 503 carries); Nest's own, such as the 404 for an
 * unknown route, carry `{ message, error }` or a bare string, and are given a code from the status.
 */
function shapeOf(error: HttpException): Record<string, unknown> {
  const answer = error.getResponse();
  const fields: Record<string, unknown> =
    typeof answer === 'object' && answer !== null ? { ...answer } : { message: answer };
  const message = Array.isArray(fields.message) ? fields.message.join('; ') : fields.message;
  return {
    code:
      typeof fields.code === 'string' ? fields.code : (HttpStatus[error.getStatus()] ?? 'ERROR'),
    message: typeof message === 'string' ? message : error.message,
    ...Object.fromEntries(Object.entries(fields).filter(([name]) => !REPEATED_BY_NEST.has(name))),
  };
}
