import { type HttpException } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { type ClientHttpError, isClientHttpError } from './client-http-error';
import { NestingTooDeep } from './nesting-depth';
import { refusal } from './refusal';
import { BodyNotUtf8 } from './utf8-body';

/** Whether the body the parser refused is a bare JSON value, which strict parsing refuses. */
function bareJsonValue(error: ClientHttpError): boolean {
  const { body } = error as { body?: unknown };
  if (typeof body !== 'string' || /^\s*[{[]/.test(body)) return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** What went wrong reading a body, as body-parser reports it, in this API's words. */
function refusalOf(error: ClientHttpError): HttpException {
  if (error instanceof NestingTooDeep) return refusal(400, 'BODY_TOO_DEEPLY_NESTED', error.message);
  if (error instanceof BodyNotUtf8) return refusal(400, 'BODY_NOT_UTF8', error.message);
  switch (error.type) {
    case 'entity.too.large':
      return refusal(
        413,
        'BODY_TOO_LARGE',
        error.limit === undefined
          ? 'The body is larger than allowed'
          : `The body is larger than the ${error.limit} bytes allowed`,
      );
    case 'parameters.too.many':
      return refusal(413, 'TOO_MANY_PARAMETERS', 'The form has more fields than are allowed');
    case 'charset.unsupported':
      return refusal(415, 'UNSUPPORTED_CHARSET', `The body's ${error.message}`);
    case 'encoding.unsupported':
      return refusal(415, 'UNSUPPORTED_CONTENT_ENCODING', `The body's ${error.message}`);
    case 'entity.parse.failed':
      // JSON, but a bare value (null, 3, "text"): the parser reads only an object or a list.
      return refusal(
        400,
        'MALFORMED_BODY',
        bareJsonValue(error)
          ? 'The body must be a JSON object'
          : `The body is not well-formed: ${error.message}`,
      );
    case 'request.size.invalid':
      return refusal(400, 'BODY_LENGTH_MISMATCH', 'The body is not as long as Content-Length says');
    case 'request.aborted':
      return refusal(400, 'REQUEST_ABORTED', 'The request ended before its body did');
  }
  // zlib's errors carry codes such as Z_DATA_ERROR: a gzip or deflate body that does not decode.
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && code.startsWith('Z_'))
    return refusal(
      400,
      'CORRUPT_CONTENT_ENCODING',
      'The body does not decode as its Content-Encoding says it should',
    );
  return refusal(error.status, 'UNREADABLE_BODY', `The body could not be read: ${error.message}`);
}

/**
 * Placed right after the body parsers, so what they refuse reaches the exception filter as a
 * refusal with its status and a stable code, not as an unknown error answered 500.
 */
export function translateBodyReadingErrors(
  error: unknown,
  _request: Request,
  _response: Response,
  next: NextFunction,
): void {
  next(isClientHttpError(error) ? refusalOf(error) : error);
}
