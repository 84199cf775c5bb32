import { type Server, STATUS_CODES } from 'node:http';
import { type Duplex } from 'node:stream';

const ANSWERS: Record<string, readonly [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request’s header fields are too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [
    413,
    'CHUNK_EXTENSIONS_TOO_LARGE',
    'The request’s chunk extensions are too large',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive'],
};
const MALFORMED: readonly [number, string, string] = [
  400,
  'MALFORMED_REQUEST',
  'The request is not well-formed HTTP',
];

/**
 * Node refuses a request it cannot parse (headers over its limit, broken framing) before Express
 * sees it, with an empty body. This answers those refusals in the API's one error shape, as Node
 * would otherwise: only when nothing of another response has gone out on the connection.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Node's own handler checks the response in flight on the socket the same way.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const [statusCode, code, message] = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ statusCode, code, message });
    socket.end(
      [
        `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Cache-Control: no-store',
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
