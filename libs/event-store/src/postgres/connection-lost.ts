/** Errors of the socket under a connection: the server is gone, or the way to it. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What node-postgres throws, without a code, for a connection that ended under a query or one
 * it will no longer use.
 */
const ENDED_CONNECTION =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|Connection ended)/;

/**
 * Whether an error says that the connection it came through is lost (so another connection may
 * well succeed), rather than that the statement itself is wrong: SQLSTATE class 08 (connection
 * exception), 57P01-57P03 (the server shut the session down or is starting), socket errors.
 */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    return code.startsWith('08') || /^57P0[123]$/.test(code) || SOCKET_CODES.has(code);
  }
  return ENDED_CONNECTION.test(error.message);
}
