import { type StoredSession } from '@sg/auth';

/**
 * How long a signed-in session has before it ends unused, as the page that has just moved it on
 * tells the browser: the page warns before then (WCAG 2.2.1), and typing on it counts as use.
 * Counted on the server's clock, so the browser's own being wrong does not matter.
 */
export function sessionSecondsLeft(session: StoredSession | undefined): number | null {
  if (session?.stage !== 'signed-in') return null;
  const left = Date.parse(session.idleExpiresAt) - Date.parse(session.lastSeenAt);
  return Math.max(0, Math.floor(left / 1000));
}

/**
 * Whether using the session can still move its end on: not once its idle end is its absolute
 * limit (SESSION_ABSOLUTE_HOURS after sign-in), when staying signed in is not offered.
 */
export const sessionExtendable = (session: StoredSession | undefined): boolean =>
  session !== undefined && Date.parse(session.idleExpiresAt) < Date.parse(session.expiresAt);
