import { type NextFunction, type Request, type Response } from 'express';
import { isAttachmentUpload } from '../../attachments/upload-path';
import { isInboundMailUpload } from '../../mail-intake/inbound-mail-path';
import { mediaTypeOf } from './media-type';
import { carriesBody } from './request-body';
import { refusal } from './refusal';
import { isApiPath } from './site-paths';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The API reads `application/json` in UTF-8 and nothing else. A form or text/plain body is what a
 * page on another site can make a browser send with the user's cookies and no preflight, so it must
 * never reach a JSON route: it is refused 415, as is a body with no Content-Type at all.
 *
 * Two routes read other bodies: a mail provider posts a whole message to the inbound-mail route
 * (with a secret in its URL no other site has). One route reads files: posting them to a complaint takes `multipart/form-data`, as sent, with no
 * Content-Encoding (nothing decodes one for it). A browser posting there from another site is
 * refused by the session's own check on Sec-Fetch-Site, and an API token or the development
 * header is a header no other site can make a browser send.
 */
export function jsonOnlyOnApi(request: Request, _response: Response, next: NextFunction): void {
  if (!isApiPath(request.originalUrl)) {
    next();
    return;
  }
  const header = request.headers['content-type'];
  // A read has nothing to parse; a stray header on one is harmless.
  if (READS.has(request.method) && !carriesBody(request)) {
    next();
    return;
  }
  if (header === undefined) {
    next(carriesBody(request) ? unsupportedMediaType('a body with no Content-Type') : undefined);
    return;
  }
  const media = mediaTypeOf(header);
  if (isInboundMailUpload(request)) {
    // A whole message, read by its route as sent; its Content-Type that route checks.
    next(sentAsIs(request) ? undefined : encodedUpload(request.headers['content-encoding']));
    return;
  }
  if (media?.type === 'multipart/form-data' && isAttachmentUpload(request)) {
    next(sentAsIs(request) ? undefined : encodedUpload(request.headers['content-encoding']));
    return;
  }
  if (media?.type !== 'application/json') {
    next(unsupportedMediaType(`Content-Type ${JSON.stringify(header)}`));
    return;
  }
  const charset = media.parameters.get('charset');
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    next(
      refusal(
        415,
        'UNSUPPORTED_CHARSET',
        `The charset ${JSON.stringify(charset)} is not read here: send JSON in UTF-8`,
      ),
    );
    return;
  }
  next();
}

const sentAsIs = (request: Request) => {
  const encoding = request.headers['content-encoding'];
  return encoding === undefined || encoding.trim().toLowerCase() === 'identity';
};

const encodedUpload = (encoding: string | undefined) =>
  refusal(
    415,
    'UNSUPPORTED_CONTENT_ENCODING',
    `Files are read as sent, not with Content-Encoding ${JSON.stringify(encoding)}`,
  );

const unsupportedMediaType = (what: string) =>
  refusal(415, 'UNSUPPORTED_MEDIA_TYPE', `The API reads only application/json bodies, not ${what}`);
