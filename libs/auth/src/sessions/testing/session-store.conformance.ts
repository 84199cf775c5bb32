import { randomUUID } from 'node:crypto';
import { type SessionStore, type StoredSession } from '../session-store';

const T0 = Date.parse('2025-04-17T09:00:00.000Z');
const MINUTE = 60_000;
/** The instant `minutes` after T0 (fractions allowed). */
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);
const iso = (minutes: number) => at(minutes).toISOString();
const justBefore = (minutes: number) => new Date(T0 + minutes * MINUTE - 1);

/** Signed in at `minute` under the policy's limits: idle 30 minutes, absolute 12 hours. */
function signedIn(
  key: string,
  personId: string | null,
  minute = 0,
  changes: Partial<StoredSession> = {},
): StoredSession {
  return {
    key,
    personId,
    stage: 'signed-in',
    method: 'password',
    createdAt: iso(minute),
    lastSeenAt: iso(minute),
    expiresAt: iso(minute + 12 * 60),
    idleExpiresAt: iso(minute + 30),
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    ip: '203.0.113.7',
    data: { csrf: 'Jd8t4y0pW2m0Qx1h3J0t5V9u7Z2b4N6r8K1s3F5a7C9' },
    ...changes,
  };
}

const keysOf = (sessions: readonly StoredSession[]) => sessions.map((session) => session.key);

/**
 * What every SessionStore adapter guarantees, as one suite. `open` is called once per test and
 * again when a test wants a second store: every store it opens must share one backing (one file,
 * one Redis and prefix), as the API nodes of one deployment do. Keys and person ids are unique to
 * each test, so tests do not see each other's sessions on that shared backing.
 */
export function sessionStoreConformance(name: string, open: () => Promise<SessionStore>): void {
  describe(`${name}: session store conformance`, () => {
    let store: SessionStore;
    let opened: SessionStore[] = [];
    let run: string;
    /** A key or person id of this test alone. */
    const unique = (name: string) => `${name}.${run}`;

    const another = async () => {
      const next = await open();
      opened.push(next);
      return next;
    };

    beforeEach(async () => {
      run = randomUUID();
      store = await another();
    });

    afterEach(async () => {
      await Promise.all(opened.map((each) => each.close()));
      opened = [];
    });

    it('finds a session exactly as it was saved, every field, nulls included', async () => {
      const full = signedIn(unique('full'), unique('person'), 0, {
        stage: 'second-factor',
        userAgent: 'Navigateur « spécial » 🚀',
        ip: '2001:db8::7',
        data: {
          csrf: 'abc',
          'oidc.state': 'state/with+symbols=',
          totpSecret: 'JBSWY3DPEHPK3PXP',
          note: 'line one\nline "two" {not: json} \u2028 ünïcödé',
        },
      });
      const bare = signedIn(unique('bare'), null, 0, {
        stage: 'identity-provider',
        method: null,
        userAgent: null,
        ip: null,
        data: {},
      });
      await store.save(full, at(0));
      await store.save(bare, at(0));
      expect(await store.find(full.key, at(1))).toStrictEqual(full);
      expect(await store.find(bare.key, at(1))).toStrictEqual(bare);
    });

    it('replaces a session saved again under its key', async () => {
      const first = signedIn(unique('s'), unique('person'), 0, { stage: 'second-factor' });
      const second = { ...first, stage: 'signed-in' as const, data: { csrf: 'rotated' } };
      await store.save(first, at(0));
      await store.save(second, at(1));
      expect(await store.find(first.key, at(2))).toStrictEqual(second);
    });

    it('finds nothing under a key never saved', async () => {
      expect(await store.find(unique('never'), at(0))).toBeNull();
    });

    it('ends a session at its idle limit: found a moment before, not at that instant', async () => {
      const session = signedIn(unique('s'), unique('person'));
      await store.save(session, at(0));
      expect(await store.find(session.key, justBefore(30))).toStrictEqual(session);
      expect(await store.find(session.key, at(30))).toBeNull();
      expect(await store.find(session.key, at(31))).toBeNull();
    });

    it('ends a session at its absolute limit, though its idle limit is later', async () => {
      const session = signedIn(unique('s'), unique('person'), 0, { expiresAt: iso(20) });
      await store.save(session, at(0));
      expect(await store.find(session.key, justBefore(20))).toStrictEqual(session);
      expect(await store.find(session.key, at(20))).toBeNull();
    });

    it('stores nothing findable for a session saved already past a limit', async () => {
      const person = unique('person');
      const live = signedIn(unique('live'), person);
      await store.save(live, at(0));
      // Saved again, already over its idle limit: that replaces the live one and ends it.
      await store.save({ ...live, idleExpiresAt: iso(5) }, at(5));
      expect(await store.find(live.key, at(5))).toBeNull();
      expect(await store.listFor(person, at(5))).toEqual([]);
    });

    it('touch moves lastSeenAt and the idle limit, and nothing else', async () => {
      const session = signedIn(unique('s'), unique('person'));
      await store.save(session, at(0));
      await store.touch(session.key, iso(20), iso(50), at(20));
      const touched = { ...session, lastSeenAt: iso(20), idleExpiresAt: iso(50) };
      expect(await store.find(session.key, at(45))).toStrictEqual(touched);
      expect(await store.find(session.key, at(50))).toBeNull();
    });

    it('touch never moves the idle limit past the absolute limit', async () => {
      const session = signedIn(unique('s'), unique('person'), 0, { expiresAt: iso(60) });
      await store.save(session, at(0));
      await store.touch(session.key, iso(20), iso(50), at(20));
      await store.touch(session.key, iso(45), iso(75), at(45));
      const touched = { ...session, lastSeenAt: iso(45), idleExpiresAt: iso(60) };
      expect(await store.find(session.key, justBefore(60))).toStrictEqual(touched);
      expect(await store.find(session.key, at(60))).toBeNull();
    });

    it('touch brings back no session over a limit, and makes none for an unknown key', async () => {
      const idle = signedIn(unique('idle'), unique('person'));
      await store.save(idle, at(0));
      await store.touch(idle.key, iso(30), iso(60), at(30));
      expect(await store.find(idle.key, at(30))).toBeNull();
      expect(await store.find(idle.key, at(31))).toBeNull();

      const unknown = unique('unknown');
      await store.touch(unknown, iso(0), iso(30), at(0));
      expect(await store.find(unknown, at(0))).toBeNull();
    });

    it('refuses a session or a touch whose instants are not instants, storing nothing', async () => {
      const session = signedIn(unique('s'), unique('person'));
      await expect(store.save({ ...session, expiresAt: 'tomorrow' }, at(0))).rejects.toThrow(
        RangeError,
      );
      await expect(store.save({ ...session, createdAt: '' }, at(0))).rejects.toThrow(RangeError);
      expect(await store.find(session.key, at(0))).toBeNull();

      await store.save(session, at(0));
      await expect(store.touch(session.key, iso(5), 'later', at(5))).rejects.toThrow(RangeError);
      await expect(store.touch(session.key, 'now', iso(35), at(5))).rejects.toThrow(RangeError);
      expect(await store.find(session.key, at(5))).toStrictEqual(session);
    });

    it('remove ends a session once; a second remove, or one of an unknown key, finds none', async () => {
      const person = unique('person');
      const session = signedIn(unique('s'), person);
      const kept = signedIn(unique('kept'), person, 1);
      await store.save(session, at(0));
      await store.save(kept, at(1));
      expect(await store.remove(session.key)).toBe(true);
      expect(await store.find(session.key, at(2))).toBeNull();
      expect(keysOf(await store.listFor(person, at(2)))).toEqual([kept.key]);
      expect(await store.remove(session.key)).toBe(false);
      expect(await store.remove(unique('unknown'))).toBe(false);
    });

    it("lists a person's live sessions newest first, without ended ones or anyone else's", async () => {
      const person = unique('person');
      const idleEnded = signedIn(unique('idle-ended'), person, 0);
      const touched = signedIn(unique('touched'), person, 1);
      const absoluteEnded = signedIn(unique('absolute-ended'), person, 5, { expiresAt: iso(25) });
      const middle = signedIn(unique('middle'), person, 10);
      const newest = signedIn(unique('newest'), person, 20);
      const someoneElse = signedIn(unique('someone-else'), unique('other'), 15);
      await store.save(idleEnded, at(0));
      await store.save(touched, at(1));
      await store.save(absoluteEnded, at(5));
      await store.save(middle, at(10));
      await store.save(someoneElse, at(15));
      await store.save(newest, at(20));
      await store.touch(touched.key, iso(25), iso(55), at(25));

      const listed = await store.listFor(person, at(32));
      expect(keysOf(listed)).toEqual([newest.key, middle.key, touched.key]);
      expect(listed[2]).toStrictEqual({ ...touched, lastSeenAt: iso(25), idleExpiresAt: iso(55) });
      expect(await store.listFor(unique('nobody'), at(32))).toEqual([]);
    });

    it("ends all of a person's sessions and says how many, leaving others' alone", async () => {
      const person = unique('person');
      const theirs = [0, 1, 2].map((minute) => signedIn(unique(`s${minute}`), person, minute));
      const someoneElse = signedIn(unique('someone-else'), unique('other'), 0);
      for (const session of [...theirs, someoneElse]) await store.save(session, at(2));

      expect(await store.removeAllFor(person, null)).toBe(3);
      expect(await store.listFor(person, at(3))).toEqual([]);
      for (const session of theirs) expect(await store.find(session.key, at(3))).toBeNull();
      expect(await store.find(someoneElse.key, at(3))).toStrictEqual(someoneElse);
      expect(await store.removeAllFor(person, null)).toBe(0);
    });

    it("ends all of a person's sessions but the one kept", async () => {
      const person = unique('person');
      const theirs = [0, 1, 2].map((minute) => signedIn(unique(`s${minute}`), person, minute));
      for (const session of theirs) await store.save(session, at(2));

      expect(await store.removeAllFor(person, theirs[1].key)).toBe(2);
      expect(await store.listFor(person, at(3))).toStrictEqual([theirs[1]]);
      expect(await store.removeAllFor(person, theirs[1].key)).toBe(0);
      expect(await store.find(theirs[1].key, at(3))).toStrictEqual(theirs[1]);
    });

    it('a session saved again for someone else is theirs alone', async () => {
      const first = unique('first');
      const second = unique('second');
      const signingIn = signedIn(unique('s'), null, 0, { stage: 'identity-provider' });
      await store.save(signingIn, at(0));
      await store.save({ ...signingIn, personId: first }, at(1));
      expect(keysOf(await store.listFor(first, at(1)))).toEqual([signingIn.key]);

      const handedOver = { ...signingIn, personId: second };
      await store.save(handedOver, at(2));
      expect(await store.listFor(first, at(2))).toEqual([]);
      expect(await store.removeAllFor(first, null)).toBe(0);
      expect(await store.find(signingIn.key, at(2))).toStrictEqual(handedOver);
      expect(await store.listFor(second, at(2))).toStrictEqual([handedOver]);
    });

    it('takes keys and person ids as plain strings: long, unicode, pattern and SQL characters', async () => {
      const person = unique("p*[?]%_'\\");
      const hostile = [
        'a',
        'a*',
        'ab',
        'a?',
        '[a-z]',
        '%_',
        "'; DROP TABLE sessions; --",
        'a:b:c',
        'ключ 鍵 🔑 \u200f\u0301',
        'k'.repeat(10_000),
      ];
      const sessions = hostile.map((key, i) => signedIn(`${run}${key}`, person, i / 100));
      for (const session of sessions) await store.save(session, at(1));
      for (const session of sessions) {
        expect(await store.find(session.key, at(1))).toStrictEqual(session);
      }
      expect(keysOf(await store.listFor(person, at(1)))).toEqual(keysOf(sessions).reverse());

      expect(await store.remove(`${run}a*`)).toBe(true);
      expect(await store.find(`${run}a`, at(1))).not.toBeNull();
      expect(await store.find(`${run}ab`, at(1))).not.toBeNull();
      expect(await store.removeAllFor(person, `${run}a?`)).toBe(hostile.length - 2);
      expect(keysOf(await store.listFor(person, at(1)))).toEqual([`${run}a?`]);
      expect(await store.listFor(unique('p'), at(1))).toEqual([]);
    });

    it("two stores on one backing see, touch and end each other's sessions", async () => {
      const other = await another();
      const person = unique('person');
      const mine = signedIn(unique('mine'), person, 0);
      const theirs = signedIn(unique('theirs'), person, 1);
      await store.save(mine, at(0));
      await other.save(theirs, at(1));

      expect(await other.find(mine.key, at(2))).toStrictEqual(mine);
      expect(keysOf(await other.listFor(person, at(2)))).toEqual([theirs.key, mine.key]);

      await other.touch(mine.key, iso(20), iso(50), at(20));
      expect(await store.find(mine.key, at(40))).toStrictEqual({
        ...mine,
        lastSeenAt: iso(20),
        idleExpiresAt: iso(50),
      });

      expect(await store.remove(theirs.key)).toBe(true);
      expect(await other.find(theirs.key, at(21))).toBeNull();
      expect(await other.removeAllFor(person, null)).toBe(1);
      expect(await store.find(mine.key, at(21))).toBeNull();
    });
  });
}
