import { type IncomingMessage } from 'node:http';

// Express matches routes whatever their case and with or without a trailing slash: so does this.
const UPLOAD_PATH = /^\/api\/complaints\/[^/]+\/attachments\/?$/i;

/**
 * Whether the request posts files to a complaint: the one route under /api that reads a
 * multipart/form-data body rather than JSON.
 */
export function isAttachmentUpload(request: IncomingMessage): boolean {
  const url = request.url ?? '';
  const end = url.search(/[?#]/);
  return request.method === 'POST' && UPLOAD_PATH.test(end === -1 ? url : url.slice(0, end));
}
