import { isConnectionLost } from '../postgres/connection-lost';

/** SQLite's codes that say the file is busy, locked, full or out of reach. */
const TRANSIENT_SQLITE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);
const TRANSIENT_EVENTSTOREDB_TYPES = new Set([
  'unavailable',
  'deadline-exceeded',
  'timeout',
  'not-leader',
]);

/** What ioredis throws, without a code, for a command it could not send or that waited in vain. */
const REDIS_UNREACHABLE = /Stream isn't writeable|Connection is closed|enableOfflineQueue/;

const causesOf = (error: unknown): unknown[] => {
  const causes: unknown[] = [];
  const queue = [error];
  while (queue.length > 0 && causes.length < 20) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null) continue;
    causes.push(next);
    const { cause, errors } = next as { cause?: unknown; errors?: unknown };
    if (cause !== undefined) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return causes;
};

/**
 * Whether a failure says that a server the engine relies on (the store's, Redis) is out of reach:
 * the network, a connection the server ended (a restart, a failover), or one that would not
 * answer. The error, its causes and the errors it aggregates are looked at.
 */
export function isServerUnreachable(error: unknown): boolean {
  return causesOf(error).some((candidate) => {
    if (isConnectionLost(candidate)) return true;
    if (
      candidate instanceof Error &&
      (candidate.name === 'MaxRetriesPerRequestError' || REDIS_UNREACHABLE.test(candidate.message))
    )
      return true;
    const { type } = candidate as { type?: unknown };
    return typeof type === 'string' && TRANSIENT_EVENTSTOREDB_TYPES.has(type);
  });
}

/**
 * Whether a failure says that something a reaction relies on is unreachable, busy or full, rather
 * than that the event cannot be handled: every later event would fail the same way, so parking
 * the event would only throw work away.
 */
export function isTransientFailure(error: unknown): boolean {
  return (
    isServerUnreachable(error) ||
    causesOf(error).some((candidate) => {
      const { code } = candidate as { code?: unknown };
      // SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT…) share their base's.
      return (
        typeof code === 'string' &&
        TRANSIENT_SQLITE_CODES.has(code.split('_').slice(0, 2).join('_'))
      );
    })
  );
}
