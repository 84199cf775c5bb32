import { type IncomingMessage } from 'node:http';

/**
 * Whether the request carries body bytes: a chunked body, or a Content-Length above zero. An empty
 * body (a command with nothing to add) needs no Content-Type.
 */
export function carriesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined ||
    (length !== undefined && Number(length) !== 0)
  );
}
