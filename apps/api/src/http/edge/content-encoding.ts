import { type NextFunction, type Request, type Response } from 'express';
import { carriesBody } from './request-body';
import { refusal } from './refusal';

/**
 * The encodings a body may arrive in. Brotli and zstd would decode too, but no client of this API
 * sends them, and each decoder is more code an attacker can reach.
 */
const READABLE_ENCODINGS = new Set(['identity', 'gzip', 'deflate']);

/** Refuses a body in an encoding this service does not read, 415, before anything reads it. */
export function refuseUnreadableContentEncoding(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const encoding = request.headers['content-encoding'];
  if (
    encoding === undefined ||
    !carriesBody(request) ||
    READABLE_ENCODINGS.has(encoding.trim().toLowerCase())
  ) {
    next();
    return;
  }
  next(
    refusal(
      415,
      'UNSUPPORTED_CONTENT_ENCODING',
      `Content-Encoding ${JSON.stringify(encoding)} is not read here: send the body as is, gzip or deflate`,
    ),
  );
}
