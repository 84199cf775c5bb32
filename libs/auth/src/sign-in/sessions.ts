import { type SignInMethod } from '@sg/directory';
import { digestOf, isWellFormedSecretToken, newSecretToken } from '../credentials';
import { type SessionStage, type SessionStore, type StoredSession } from '../sessions';

export interface SessionLimits {
  readonly idleMinutes: number;
  readonly absoluteHours: number;
}

/** Where a request came from, kept with the session so a person can tell their sessions apart. */
export interface ClientDetails {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** A session as its cookie knows it: the id goes to the browser, only its digest is stored. */
export interface IssuedSession {
  readonly id: string;
  readonly session: StoredSession;
}

/** A sign-in not finished yet (second factor, the identity provider) lasts this long at most. */
const UNFINISHED_MINUTES = 10;

const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();
const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * Server-side sessions: an id that is random and only ever stored as a digest, an idle timeout and
 * an absolute limit, and a new id at every step of signing in, so an id seen before sign-in is
 * worth nothing after it.
 */
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly now: () => Date,
    private readonly limits: SessionLimits,
  ) {}

  /** A new session at `stage`, with a CSRF token for the forms it will post. */
  async start(
    personId: string | null,
    stage: SessionStage,
    method: SignInMethod | null,
    client: ClientDetails,
    data: Readonly<Record<string, string>> = {},
  ): Promise<IssuedSession> {
    const now = this.now();
    const id = newSecretToken();
    const minutes = stage === 'signed-in' ? this.limits.absoluteHours * 60 : UNFINISHED_MINUTES;
    const expiresAt = plus(now, minutes);
    const session: StoredSession = {
      key: digestOf(id),
      personId,
      stage,
      method,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt,
      idleExpiresAt: earlier(plus(now, this.limits.idleMinutes), expiresAt),
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip,
      data: { csrf: newSecretToken(), ...data },
    };
    await this.store.save(session, now);
    return { id, session };
  }

  /** The live session the cookie names, its idle timeout moved on; null for anything else. */
  async resolve(id: unknown): Promise<StoredSession | null> {
    if (!isWellFormedSecretToken(id)) return null;
    const now = this.now();
    const session = await this.store.find(digestOf(id), now);
    if (!session) return null;
    const idleExpiresAt = earlier(plus(now, this.limits.idleMinutes), session.expiresAt);
    await this.store.touch(session.key, now.toISOString(), idleExpiresAt, now);
    return { ...session, lastSeenAt: now.toISOString(), idleExpiresAt };
  }

  /** The next step of signing in: the old id ends and a new one carries the session on. */
  async advance(
    previous: StoredSession,
    personId: string,
    stage: SessionStage,
    method: SignInMethod,
    client: ClientDetails,
    data: Readonly<Record<string, string>> = {},
  ): Promise<IssuedSession> {
    await this.store.remove(previous.key);
    return this.start(personId, stage, method, client, data);
  }

  /** Keeps more with the session, under the same id (a secret being enrolled). */
  async remember(
    session: StoredSession,
    data: Readonly<Record<string, string>>,
  ): Promise<StoredSession> {
    const updated = { ...session, data: { ...session.data, ...data } };
    await this.store.save(updated, this.now());
    return updated;
  }

  async end(session: StoredSession): Promise<void> {
    await this.store.remove(session.key);
  }

  list(personId: string): Promise<StoredSession[]> {
    return this.store.listFor(personId, this.now());
  }

  /** Ends one of `personId`'s sessions by its key; false when they have no such session. */
  async endOne(personId: string, key: string): Promise<StoredSession | null> {
    const session = (await this.list(personId)).find((candidate) => candidate.key === key);
    if (!session) return null;
    await this.store.remove(key);
    return session;
  }

  endAllFor(personId: string, except: string | null = null): Promise<number> {
    return this.store.removeAllFor(personId, except);
  }
}
