import { SESSION_STAGES, type StoredSession } from './session-store';

/** Milliseconds since the epoch of an ISO instant; anything else is refused rather than stored. */
export function instantMs(instant: string, field: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms))
    throw new RangeError(`${field} is not an instant: ${JSON.stringify(instant)}`);
  return ms;
}

/** When the session ends: the earlier of its absolute and idle limits. */
export function sessionEndMs(session: Pick<StoredSession, 'expiresAt' | 'idleExpiresAt'>): number {
  return Math.min(
    instantMs(session.expiresAt, 'expiresAt'),
    instantMs(session.idleExpiresAt, 'idleExpiresAt'),
  );
}

/**
 * When a session about to be stored ends. Refuses one with an instant that does not parse or an
 * unknown stage, so that nothing is stored that a later find or list could not judge.
 */
export function endOfStorable(session: StoredSession): number {
  instantMs(session.createdAt, 'createdAt');
  instantMs(session.lastSeenAt, 'lastSeenAt');
  if (!(SESSION_STAGES as readonly string[]).includes(session.stage)) {
    throw new RangeError(`stage is not a session stage: ${JSON.stringify(session.stage)}`);
  }
  return sessionEndMs(session);
}

/** Live until the instant it ends: at that instant it is over. */
export function isLive(session: StoredSession, now: Date): boolean {
  return now.getTime() < sessionEndMs(session);
}

/** Activity moves the idle limit, but never past the absolute one. */
export function idleLimitWithin(idleExpiresAt: string, expiresAt: string): string {
  return instantMs(idleExpiresAt, 'idleExpiresAt') < instantMs(expiresAt, 'expiresAt')
    ? idleExpiresAt
    : expiresAt;
}

/** Newest first; sessions made at the same instant in a stable order, by key. */
export function newestFirst(a: StoredSession, b: StoredSession): number {
  return (
    instantMs(b.createdAt, 'createdAt') - instantMs(a.createdAt, 'createdAt') ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
