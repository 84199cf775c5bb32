import { type StoredSession } from '@sg/auth';

/** How long a signed-in session has before it ends unused, and whether using it moves that on. */
export interface SessionTimeLeft {
  readonly secondsLeft: number;
  /** False once its idle end is its absolute limit: then staying signed in is not offered. */
  readonly extendable: boolean;
}

/**
 * The time left of a signed-in session, as the page that has just moved it on tells the browser:
 * the page warns before then (WCAG 2.2.1), and typing on it counts as use. Counted on the server's
 * clock, so the browser's own being wrong does not matter. Null for anyone not signed in.
 */
export function sessionTimeLeft(session: StoredSession | undefined): SessionTimeLeft | null {
  if (session?.stage !== 'signed-in') return null;
  const idleEnd = Date.parse(session.idleExpiresAt);
  return {
    secondsLeft: Math.max(0, Math.floor((idleEnd - Date.parse(session.lastSeenAt)) / 1000)),
    extendable: idleEnd < Date.parse(session.expiresAt),
  };
}
