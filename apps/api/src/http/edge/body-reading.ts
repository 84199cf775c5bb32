import { type NestExpressApplication } from '@nestjs/platform-express';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { isAttachmentUpload } from '../../attachments/upload-path';
import { isInboundMailUpload } from '../../mail-intake/inbound-mail-path';
import { translateBodyReadingErrors } from './body-reading-refusal';
import { refuseUnreadableContentEncoding } from './content-encoding';
import { jsonOnlyOnApi } from './json-only-api';
import { mediaTypeOf } from './media-type';
import { refuseDeepNesting } from './nesting-depth';
import { isApiPath } from './site-paths';
import { refuseFormNotUtf8, refuseJsonNotUtf8 } from './utf8-body';

/** The largest JSON body: the longest free text (10,000 characters) escaped, with room to spare. */
export const JSON_BODY_LIMIT = 100 * 1024;

/**
 * The largest form body: the page with the most free text, logging a complaint for a school, takes
 * 12,600 characters in its fields (summary 200, what happened 10,000, what would put it right
 * 2,000, the contact's name and role 200 each), which a form encodes in up to nine bytes each
 * (three UTF-8 bytes, each written %XX): 113,400 bytes, with its other fields and room to spare.
 */
export const FORM_BODY_LIMIT = 128 * 1024;

const isMultipartUpload = (request: IncomingMessage): boolean => {
  const header = request.headers['content-type'];
  return (
    isAttachmentUpload(request) &&
    header !== undefined &&
    mediaTypeOf(header)?.type === 'multipart/form-data'
  );
};

const isFormOutsideApi = (request: IncomingMessage): boolean => {
  const header = request.headers['content-type'];
  return (
    !isApiPath(request.url ?? '') &&
    header !== undefined &&
    mediaTypeOf(header)?.type === 'application/x-www-form-urlencoded'
  );
};

/**
 * How bodies are read, in order: an encoding this service does not decode is refused, the API
 * takes UTF-8 JSON only (but for files posted to a complaint, which their route reads), JSON is
 * checked for UTF-8 and depth before it is parsed, pages outside the API may post flat forms, and whatever
 * the parsers refuse becomes a 4xx in the one error shape.
 *
 * Nest adds its own JSON and form parsers at start-up unless parsers of those kinds are already in
 * place; these take their place, in production and in tests alike.
 */
export function readBodies(app: NestExpressApplication): void {
  app.use(refuseUnreadableContentEncoding, jsonOnlyOnApi);
  app.useBodyParser('json', {
    // The files posted to a complaint are read by their own route, as they arrive.
    type: (request: IncomingMessage) =>
      isApiPath(request.url ?? '') && !isMultipartUpload(request) && !isInboundMailUpload(request),
    limit: JSON_BODY_LIMIT,
    verify: (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
      refuseJsonNotUtf8(request, response, body);
      refuseDeepNesting(request, response, body);
    },
  });
  app.useBodyParser('urlencoded', {
    type: isFormOutsideApi,
    extended: false,
    limit: FORM_BODY_LIMIT,
    parameterLimit: 50,
    verify: refuseFormNotUtf8,
  });
  app.use(translateBodyReadingErrors);
}
