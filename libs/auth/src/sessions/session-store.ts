/** How far a session has got: signed in, or part way through signing in. */
export const SESSION_STAGES = [
  'signed-in',
  'second-factor',
  'second-factor-enrolment',
  'identity-provider',
] as const;

export type SessionStage = (typeof SESSION_STAGES)[number];

/** A server-side session as stored: the cookie carries only its id. */
export interface StoredSession {
  /** A digest of the session id; the cookie holds the id, the store never does. */
  readonly key: string;
  /** null while signing in with the identity provider (no person known yet). */
  readonly personId: string | null;
  readonly stage: SessionStage;
  readonly method: string | null;
  /** ISO instants. */
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** The absolute limit, which no activity moves. */
  readonly expiresAt: string;
  /** lastSeenAt plus the idle timeout. */
  readonly idleExpiresAt: string;
  readonly userAgent: string | null;
  readonly ip: string | null;
  /** The csrf token, pending OIDC checks, a pending TOTP secret... */
  readonly data: Readonly<Record<string, string>>;
}

/** Only the port's fields, whatever else the object passed in carries, as a store keeps them. */
export function storedFields(session: StoredSession): StoredSession {
  return {
    key: session.key,
    personId: session.personId,
    stage: session.stage,
    method: session.method,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expiresAt: session.expiresAt,
    idleExpiresAt: session.idleExpiresAt,
    userAgent: session.userAgent,
    ip: session.ip,
    data: { ...session.data },
  };
}

/**
 * Where sessions live: the embedded SQLite file on one node, Redis when several API nodes must
 * all find, touch and end any session. Time is always the caller's `now`, so every node (and
 * every test) judges expiry by the same clock the application uses.
 */
export interface SessionStore {
  /** Creates or replaces. `now` lets the store expire it (Redis TTL) at min(expiresAt, idleExpiresAt). */
  save(session: StoredSession, now: Date): Promise<void>;
  /** The session, or null when absent or when `now` is at or past its expiresAt or idleExpiresAt. */
  find(key: string, now: Date): Promise<StoredSession | null>;
  /**
   * Moves lastSeenAt and idleExpiresAt (never past expiresAt). A no-op for an unknown key and for
   * a session already over a limit as of `now`: activity cannot bring an ended session back.
   */
  touch(key: string, lastSeenAt: string, idleExpiresAt: string, now: Date): Promise<void>;
  /** Whether there was such a session to remove. */
  remove(key: string): Promise<boolean>;
  /** A person's live sessions (as of now), newest first. */
  listFor(personId: string, now: Date): Promise<StoredSession[]>;
  /**
   * Ends all of a person's sessions but `except`; how many it ended, counting any still stored
   * though over a limit (the store has no `now` here to tell them apart).
   */
  removeAllFor(personId: string, except: string | null): Promise<number>;
  close(): Promise<void>;
}
