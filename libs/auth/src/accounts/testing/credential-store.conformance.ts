import { randomUUID } from 'node:crypto';
import {
  type CredentialStore,
  type LockoutRecord,
  type OneTimeTokenRecord,
} from '../credential-store';

const T0 = Date.parse('2025-04-17T09:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The instant `minutes` after T0. */
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);
const iso = (minutes: number) => at(minutes).toISOString();

/** Ids of their own for each test: every store a suite opens shares one backing. */
const unique = (prefix: string) => `${prefix}-${randomUUID()}`;

const schoolLink = (expiresInMinutes = 15): OneTimeTokenRecord => ({
  purpose: 'school-link',
  personId: null,
  email: 'office@oakfield-primary.sch.uk',
  expiresAt: iso(expiresInMinutes),
});

const apiToken = (tokenId: string, createdMinute = 0) => ({
  tokenId,
  digest: unique('digest'),
  name: 'Case management export',
  rolesJson: JSON.stringify([{ role: 'complaints-officer' }]),
  createdBy: 'person-admin',
  createdAt: iso(createdMinute),
  expiresAt: iso(createdMinute + 90 * 24 * 60),
});

/** How many of `results` succeeded. */
const successes = (results: readonly unknown[]) =>
  results.filter((result) => result !== false && result !== null).length;

/**
 * What every CredentialStore adapter guarantees, as one suite. `open` is called once per test and
 * again when a test wants a second store: every store it opens must share one backing (one file,
 * one database and schema), as the API nodes of one deployment do. Ids and digests are unique to
 * each test, so tests do not see each other's credentials on that shared backing.
 */
export function credentialStoreConformance(
  name: string,
  open: () => Promise<CredentialStore>,
): void {
  describe(`${name}: credential store conformance`, () => {
    let store: CredentialStore;

    beforeEach(async () => {
      store = await open();
    });

    describe('passwords', () => {
      it('has no hash for someone who never set a password', async () => {
        expect(await store.passwordHash(unique('person'))).toBeNull();
      });

      it('keeps the latest hash set', async () => {
        const personId = unique('person');
        await store.setPasswordHash(personId, '$argon2id$first', at(0));
        expect(await store.passwordHash(personId)).toBe('$argon2id$first');
        await store.setPasswordHash(personId, '$argon2id$second', at(5));
        expect(await store.passwordHash(personId)).toBe('$argon2id$second');
      });
    });

    describe('second factors', () => {
      it('a started secret is unconfirmed and unused, and replaces any before it', async () => {
        const personId = unique('person');
        expect(await store.secondFactor(personId)).toBeNull();
        await store.enrolSecondFactor(personId, 'OLDSECRET');
        expect(await store.useTotpStep(personId, 100, false)).toBe(true);
        await store.startSecondFactor(personId, 'NEWSECRET');
        expect(await store.secondFactor(personId)).toEqual({
          secret: 'NEWSECRET',
          confirmed: false,
          lastStep: null,
        });
      });

      it('an enrolled secret is confirmed from the start', async () => {
        const personId = unique('person');
        await store.enrolSecondFactor(personId, 'DEMOSECRET');
        expect(await store.secondFactor(personId)).toEqual({
          secret: 'DEMOSECRET',
          confirmed: true,
          lastStep: null,
        });
      });

      it('the first code confirms the secret when asked to', async () => {
        const personId = unique('person');
        await store.startSecondFactor(personId, 'SECRET');
        expect(await store.useTotpStep(personId, 58_000_000, true)).toBe(true);
        expect(await store.secondFactor(personId)).toEqual({
          secret: 'SECRET',
          confirmed: true,
          lastStep: 58_000_000,
        });
      });

      it('a step works once, and never after a later one; using a step leaves confirmation alone', async () => {
        const personId = unique('person');
        await store.startSecondFactor(personId, 'SECRET');
        expect(await store.useTotpStep(personId, 200, false)).toBe(true);
        expect(await store.useTotpStep(personId, 200, false)).toBe(false);
        expect(await store.useTotpStep(personId, 199, false)).toBe(false);
        expect((await store.secondFactor(personId))?.confirmed).toBe(false);
        expect(await store.useTotpStep(personId, 201, true)).toBe(true);
        expect(await store.useTotpStep(personId, 202, false)).toBe(true);
        expect(await store.secondFactor(personId)).toEqual({
          secret: 'SECRET',
          confirmed: true,
          lastStep: 202,
        });
      });

      it('no step works for someone without a secret', async () => {
        expect(await store.useTotpStep(unique('person'), 1, true)).toBe(false);
      });

      it('clearing forgets the secret and the recovery codes together', async () => {
        const personId = unique('person');
        await store.enrolSecondFactor(personId, 'SECRET');
        await store.setRecoveryCodes(personId, ['d1', 'd2']);
        await store.clearSecondFactor(personId);
        expect(await store.secondFactor(personId)).toBeNull();
        expect(await store.recoveryCodeDigests(personId)).toEqual([]);
      });
    });

    describe('recovery codes', () => {
      it('keeps the digests in the order they were shown', async () => {
        const personId = unique('person');
        const digests = Array.from({ length: 12 }, (_, index) => `digest-${index}`);
        await store.setRecoveryCodes(personId, digests);
        expect(await store.recoveryCodeDigests(personId)).toEqual(digests);
      });

      it('a code is spent once, and leaves its place empty', async () => {
        const personId = unique('person');
        await store.setRecoveryCodes(personId, ['d0', 'd1', 'd2']);
        expect(await store.useRecoveryCode(personId, 1)).toBe(true);
        expect(await store.useRecoveryCode(personId, 1)).toBe(false);
        expect(await store.recoveryCodeDigests(personId)).toEqual(['d0', null, 'd2']);
      });

      it('there is no code at a place never given', async () => {
        const personId = unique('person');
        await store.setRecoveryCodes(personId, ['d0']);
        expect(await store.useRecoveryCode(personId, 1)).toBe(false);
        expect(await store.useRecoveryCode(unique('person'), 0)).toBe(false);
      });

      it('new codes replace every old one, spent or not', async () => {
        const personId = unique('person');
        await store.setRecoveryCodes(personId, ['old0', 'old1', 'old2']);
        await store.useRecoveryCode(personId, 0);
        await store.setRecoveryCodes(personId, ['new0', 'new1']);
        expect(await store.recoveryCodeDigests(personId)).toEqual(['new0', 'new1']);
      });
    });

    describe('one-time tokens', () => {
      it('a token can be looked at any number of times before it is used', async () => {
        const digest = unique('digest');
        const record: OneTimeTokenRecord = {
          purpose: 'set-password',
          personId: 'person-chair',
          email: 'chair@county.gov.uk',
          expiresAt: iso(3 * 24 * 60),
        };
        await store.saveOneTimeToken(digest, record);
        expect(await store.peekOneTimeToken(digest, 'set-password', at(1))).toEqual(record);
        expect(await store.peekOneTimeToken(digest, 'set-password', at(2))).toEqual(record);
        expect(await store.takeOneTimeToken(digest, 'set-password', at(3))).toEqual(record);
      });

      it('a token is taken once, and then is not there to look at', async () => {
        const digest = unique('digest');
        await store.saveOneTimeToken(digest, schoolLink());
        expect(await store.takeOneTimeToken(digest, 'school-link', at(1))).toEqual(schoolLink());
        expect(await store.takeOneTimeToken(digest, 'school-link', at(1))).toBeNull();
        expect(await store.peekOneTimeToken(digest, 'school-link', at(1))).toBeNull();
      });

      it('a token is for its purpose alone', async () => {
        const digest = unique('digest');
        await store.saveOneTimeToken(digest, schoolLink());
        expect(await store.peekOneTimeToken(digest, 'set-password', at(1))).toBeNull();
        expect(await store.takeOneTimeToken(digest, 'set-password', at(1))).toBeNull();
        expect(await store.takeOneTimeToken(digest, 'school-link', at(1))).not.toBeNull();
      });

      it('a token works until the instant it expires, and not from then on', async () => {
        const digest = unique('digest');
        await store.saveOneTimeToken(digest, schoolLink(15));
        const lastMoment = new Date(at(15).getTime() - 1);
        expect(await store.peekOneTimeToken(digest, 'school-link', lastMoment)).not.toBeNull();
        expect(await store.peekOneTimeToken(digest, 'school-link', at(15))).toBeNull();
        expect(await store.takeOneTimeToken(digest, 'school-link', at(15))).toBeNull();
        expect(await store.takeOneTimeToken(digest, 'school-link', lastMoment)).not.toBeNull();
      });

      it("spends every unused token of a person for a purpose, and nobody else's or another purpose's", async () => {
        const [first, second, other, link] = ['a', 'b', 'c', 'd'].map((n) => unique(`digest-${n}`));
        const forChair = (personId: string): OneTimeTokenRecord => ({
          purpose: 'set-password',
          personId,
          email: `${personId}@county.gov.uk`,
          expiresAt: iso(3 * 24 * 60),
        });
        const chair = unique('person-chair');
        const member = unique('person-member');
        await store.saveOneTimeToken(first, forChair(chair));
        await store.saveOneTimeToken(second, forChair(chair));
        await store.saveOneTimeToken(other, forChair(member));
        await store.saveOneTimeToken(link, { ...schoolLink(), personId: chair });
        await store.spendTokensOf(chair, 'set-password', at(1));
        expect(await store.peekOneTimeToken(first, 'set-password', at(1))).toBeNull();
        expect(await store.takeOneTimeToken(second, 'set-password', at(1))).toBeNull();
        expect(await store.peekOneTimeToken(other, 'set-password', at(1))).not.toBeNull();
        expect(await store.peekOneTimeToken(link, 'school-link', at(1))).not.toBeNull();
      });

      it('has nothing under a digest it was never given', async () => {
        expect(await store.peekOneTimeToken(unique('digest'), 'school-link', at(0))).toBeNull();
        expect(await store.takeOneTimeToken(unique('digest'), 'school-link', at(0))).toBeNull();
      });

      it('forgets tokens a day after they expired, and keeps the rest', async () => {
        const old = unique('digest');
        const recent = unique('digest');
        await store.saveOneTimeToken(old, schoolLink(15));
        await store.saveOneTimeToken(recent, schoolLink(16));
        await store.forgetOldTokens(new Date(at(15).getTime() + DAY + 1));
        expect(await store.peekOneTimeToken(old, 'school-link', at(0))).toBeNull();
        expect(await store.peekOneTimeToken(recent, 'school-link', at(0))).toEqual(schoolLink(16));
      });
    });

    describe('API tokens', () => {
      it('keeps a token unrevoked and unused until it is revoked or used', async () => {
        const token = apiToken(unique('token'));
        await store.saveApiToken(token);
        expect(await store.apiToken(token.tokenId)).toEqual({
          ...token,
          revokedAt: null,
          lastUsedAt: null,
        });
        await store.markApiTokenUsed(token.tokenId, at(30));
        expect((await store.apiToken(token.tokenId))?.lastUsedAt).toBe(iso(30));
      });

      it('a token is revoked once', async () => {
        const token = apiToken(unique('token'));
        await store.saveApiToken(token);
        expect(await store.revokeApiToken(token.tokenId, at(10))).toBe(true);
        expect(await store.revokeApiToken(token.tokenId, at(20))).toBe(false);
        expect((await store.apiToken(token.tokenId))?.revokedAt).toBe(iso(10));
      });

      it('has no token under an id it was never given, and cannot revoke one', async () => {
        expect(await store.apiToken(unique('token'))).toBeNull();
        expect(await store.revokeApiToken(unique('token'), at(0))).toBe(false);
      });

      it('lists tokens oldest first, by id when made at the same moment', async () => {
        const batch = unique('batch');
        const tokens = [
          apiToken(`${batch}-c`, 5),
          apiToken(`${batch}-B`, 1),
          apiToken(`${batch}-a`, 1),
          apiToken(`${batch}-_`, 3),
        ];
        for (const token of tokens) await store.saveApiToken(token);
        const listed = (await store.apiTokens()).filter((token) => token.tokenId.startsWith(batch));
        expect(listed.map((token) => token.tokenId)).toEqual([
          `${batch}-B`,
          `${batch}-a`,
          `${batch}-_`,
          `${batch}-c`,
        ]);
      });
    });

    describe('lock-outs', () => {
      it('someone never refused has no failures and no lock', async () => {
        expect(await store.lockout(unique('person'))).toEqual({
          failures: 0,
          lockouts: 0,
          lockedUntil: null,
        });
      });

      it('keeps the latest lock-out saved', async () => {
        const personId = unique('person');
        await store.changeLockout(personId, () => ({
          failures: 4,
          lockouts: 0,
          lockedUntil: null,
        }));
        expect(await store.lockout(personId)).toEqual({
          failures: 4,
          lockouts: 0,
          lockedUntil: null,
        });
        const changed = await store.changeLockout(personId, (before) => ({
          failures: 0,
          lockouts: before.failures / 2,
          lockedUntil: iso(30),
        }));
        expect(changed).toEqual({ failures: 0, lockouts: 2, lockedUntil: iso(30) });
        expect(await store.lockout(personId)).toEqual({
          failures: 0,
          lockouts: 2,
          lockedUntil: iso(30),
        });
      });
    });

    describe('two nodes on one backing', () => {
      let other: CredentialStore;

      beforeEach(async () => {
        other = await open();
      });

      it('a password set through one signs in through the other', async () => {
        const personId = unique('person');
        await store.setPasswordHash(personId, '$argon2id$set-on-node-1', at(0));
        expect(await other.passwordHash(personId)).toBe('$argon2id$set-on-node-1');
      });

      it('an API token made on one works on the other, and revoked there stops on the first', async () => {
        const token = apiToken(unique('token'));
        await store.saveApiToken(token);
        expect((await other.apiToken(token.tokenId))?.digest).toBe(token.digest);
        expect(await other.revokeApiToken(token.tokenId, at(10))).toBe(true);
        expect((await store.apiToken(token.tokenId))?.revokedAt).toBe(iso(10));
      });

      it('a lock-out saved by one holds on the other', async () => {
        const personId = unique('person');
        await store.changeLockout(personId, () => ({
          failures: 0,
          lockouts: 1,
          lockedUntil: iso(15),
        }));
        expect(await other.lockout(personId)).toEqual({
          failures: 0,
          lockouts: 1,
          lockedUntil: iso(15),
        });
      });

      it('counts every failure when both change one lock-out at once', async () => {
        const personId = unique('person');
        const oneMore = (before: LockoutRecord) => ({ ...before, failures: before.failures + 1 });
        await Promise.all(
          Array.from({ length: 24 }, (_, n) =>
            (n % 2 === 0 ? store : other).changeLockout(personId, oneMore),
          ),
        );
        expect((await other.lockout(personId)).failures).toBe(24);
      });

      it('a second factor enrolled through one is asked for by the other', async () => {
        const personId = unique('person');
        await store.enrolSecondFactor(personId, 'SECRET');
        await store.setRecoveryCodes(personId, ['d0', 'd1']);
        expect((await other.secondFactor(personId))?.confirmed).toBe(true);
        expect(await other.recoveryCodeDigests(personId)).toEqual(['d0', 'd1']);
      });

      it('the same TOTP step brought to both at once works on exactly one', async () => {
        const people = Array.from({ length: 10 }, () => unique('person'));
        for (const personId of people) await store.enrolSecondFactor(personId, 'SECRET');
        const results = await Promise.all(
          people.map((personId) =>
            Promise.all([
              store.useTotpStep(personId, 500, false),
              other.useTotpStep(personId, 500, false),
              other.useTotpStep(personId, 500, false),
              store.useTotpStep(personId, 500, false),
            ]),
          ),
        );
        for (const attempts of results) expect(successes(attempts)).toBe(1);
      });

      it('the same recovery code brought to both at once works on exactly one', async () => {
        const people = Array.from({ length: 10 }, () => unique('person'));
        for (const personId of people) await store.setRecoveryCodes(personId, ['d0', 'd1']);
        const results = await Promise.all(
          people.map((personId) =>
            Promise.all([
              store.useRecoveryCode(personId, 1),
              other.useRecoveryCode(personId, 1),
              other.useRecoveryCode(personId, 1),
              store.useRecoveryCode(personId, 1),
            ]),
          ),
        );
        for (const attempts of results) expect(successes(attempts)).toBe(1);
        expect(await other.recoveryCodeDigests(people[0])).toEqual(['d0', null]);
      });

      it('the same one-time token taken on both at once is taken by exactly one', async () => {
        const digests = Array.from({ length: 10 }, () => unique('digest'));
        for (const digest of digests) await store.saveOneTimeToken(digest, schoolLink());
        const results = await Promise.all(
          digests.map((digest) =>
            Promise.all([
              store.takeOneTimeToken(digest, 'school-link', at(1)),
              other.takeOneTimeToken(digest, 'school-link', at(1)),
              other.takeOneTimeToken(digest, 'school-link', at(1)),
              store.takeOneTimeToken(digest, 'school-link', at(1)),
            ]),
          ),
        );
        for (const attempts of results) expect(successes(attempts)).toBe(1);
      });
    });
  });
}
