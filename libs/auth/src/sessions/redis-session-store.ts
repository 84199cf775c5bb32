import { RedisAdapter, type RedisOptions, runTransaction } from '../redis/redis-connection';
import { endOfStorable, idleLimitWithin, instantMs, isLive, newestFirst } from './session-expiry';
import { type SessionStore, type StoredSession, storedFields } from './session-store';

export type RedisSessionStoreOptions = RedisOptions;

/**
 * Replaces a value only if it is still the one read, so that a touch neither brings back a
 * session removed meanwhile nor writes older data over a save made meanwhile. A session whose
 * new life is not positive is deleted, as its TTL would have.
 */
const REPLACE_IF_UNCHANGED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
else
  redis.call('DEL', KEYS[1])
end
return 1`;

/**
 * Each failed attempt means another node wrote the session between our read and our write, so
 * the session was just written with a view at least as fresh; a touch that keeps losing is moot.
 */
const TOUCH_ATTEMPTS = 5;

/**
 * Sessions in Redis, shared by every API node. Each is a JSON value that Redis expires at the
 * session's earlier limit, reckoned from the caller's `now`; each person has a set of their
 * session keys, to list and end them by. A member of that set can outlive its session (expired,
 * or saved again for someone else), so every read of the set checks each member's own value and
 * drops those that are gone or not the person's. Needs Redis 7 (PEXPIRE NX and GT).
 */
export class RedisSessionStore extends RedisAdapter implements SessionStore {
  async save(session: StoredSession, now: Date): Promise<void> {
    const lifeMs = endOfStorable(session) - now.getTime();
    const stored = this.sessionKey(session.key);
    const transaction = this.client.multi();
    if (lifeMs <= 0) {
      transaction.del(stored);
    } else {
      transaction.set(stored, JSON.stringify(storedFields(session)), 'PX', lifeMs);
      if (session.personId !== null) {
        // The set must outlive its members, and a touch never moves one past its expiresAt.
        const set = this.personKey(session.personId);
        const setLifeMs = instantMs(session.expiresAt, 'expiresAt') - now.getTime();
        transaction
          .sadd(set, session.key)
          .pexpire(set, setLifeMs, 'NX')
          .pexpire(set, setLifeMs, 'GT');
      }
    }
    await runTransaction(transaction);
  }

  async find(key: string, now: Date): Promise<StoredSession | null> {
    const raw = await this.client.get(this.sessionKey(key));
    const session = raw === null ? null : parse(raw);
    return session && isLive(session, now) ? session : null;
  }

  async touch(key: string, lastSeenAt: string, idleExpiresAt: string, now: Date): Promise<void> {
    instantMs(lastSeenAt, 'lastSeenAt');
    const stored = this.sessionKey(key);
    for (let attempt = 0; attempt < TOUCH_ATTEMPTS; attempt += 1) {
      const raw = await this.client.get(stored);
      if (raw === null) return;
      const session = parse(raw);
      if (!isLive(session, now)) return;
      const touched: StoredSession = {
        ...session,
        lastSeenAt,
        idleExpiresAt: idleLimitWithin(idleExpiresAt, session.expiresAt),
      };
      const lifeMs = Math.max(0, endOfStorable(touched) - now.getTime());
      const replaced = await this.client.eval(
        REPLACE_IF_UNCHANGED,
        1,
        stored,
        raw,
        JSON.stringify(touched),
        lifeMs,
      );
      if (replaced === 1) return;
    }
  }

  async remove(key: string): Promise<boolean> {
    const stored = this.sessionKey(key);
    const raw = await this.client.get(stored);
    if (raw === null) return false;
    const { personId } = parse(raw);
    const transaction = this.client.multi().del(stored);
    if (personId !== null) transaction.srem(this.personKey(personId), key);
    const [deleted] = await runTransaction(transaction);
    return deleted === 1;
  }

  async listFor(personId: string, now: Date): Promise<StoredSession[]> {
    const { theirs, strays } = await this.membersOf(personId);
    if (strays.length > 0) await this.client.srem(this.personKey(personId), ...strays);
    return theirs.filter((session) => isLive(session, now)).sort(newestFirst);
  }

  async removeAllFor(personId: string, except: string | null): Promise<number> {
    const { theirs, strays } = await this.membersOf(personId);
    const ending = theirs.map((session) => session.key).filter((key) => key !== except);
    if (ending.length === 0 && strays.length === 0) return 0;
    const transaction = this.client.multi();
    if (ending.length > 0) transaction.del(...ending.map((key) => this.sessionKey(key)));
    transaction.srem(this.personKey(personId), ...ending, ...strays);
    const replies = await runTransaction(transaction);
    return ending.length > 0 ? (replies[0] as number) : 0;
  }

  /** The person's sessions as stored, and the members of their set that are no longer theirs. */
  private async membersOf(
    personId: string,
  ): Promise<{ theirs: StoredSession[]; strays: string[] }> {
    const members = await this.client.smembers(this.personKey(personId));
    if (members.length === 0) return { theirs: [], strays: [] };
    const values = await this.client.mget(members.map((key) => this.sessionKey(key)));
    const theirs: StoredSession[] = [];
    const strays: string[] = [];
    members.forEach((key, i) => {
      const raw = values[i];
      const session = raw === null ? null : parse(raw);
      if (session?.personId === personId) theirs.push(session);
      else strays.push(key);
    });
    return { theirs, strays };
  }

  private sessionKey(key: string): string {
    return `${this.prefix}:session:${key}`;
  }

  private personKey(personId: string): string {
    return `${this.prefix}:sessions-of:${personId}`;
  }
}

function parse(raw: string): StoredSession {
  return JSON.parse(raw) as StoredSession;
}
