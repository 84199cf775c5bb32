import { type IncomingMessage } from 'node:http';

// Express matches routes whatever their case and with or without a trailing slash: so does this.
const INBOUND_MAIL_PATH = /^\/api\/inbound-mail\/[^/]+\/?$/i;

/** Whether the request posts a whole message to the intake: read as sent, not as JSON. */
export function isInboundMailUpload(request: IncomingMessage): boolean {
  const url = request.url ?? '';
  const end = url.search(/[?#]/);
  return request.method === 'POST' && INBOUND_MAIL_PATH.test(end === -1 ? url : url.slice(0, end));
}
