import { type Directory, type PeopleRecords, type Person, signsInBy } from '@sg/directory';
import { createHash } from 'node:crypto';
import { type CredentialStore } from '../accounts/credential-store';
import {
  hashPassword,
  matchRecoveryCode,
  needsRehash,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  passwordProblem,
  verifyAgainstNobody,
  verifyPassword,
  verifyTotp,
} from '../credentials';
import { type RateLimiter } from '../rate-limits';
import { type StoredSession } from '../sessions';
import { AFTER_SUCCESS, afterFailure, lockedForSeconds } from './lockout';
import { needsSecondFactor, secondFactorProven } from './second-factor-policy';
import { type SignInLog } from './sign-in-log';
import { withinRateLimit } from './within-rate-limit';
import { invalidCredentials, SignInRefused, tooManyAttempts } from './sign-in-refused';
import { type ClientDetails, type IssuedSession, type Sessions } from './sessions';

/**
 * In a quarter of an hour: attempts per address, and attempts that failed per client address, each
 * given back when the password was right. A county hall's staff sign in from one address at nine
 * o'clock, and a manager signs in on a laptop, a phone and the laptop again: counting their
 * sign-ins refused the fifty-first there and the eleventh here, where the limits are for someone
 * trying addresses or passwords.
 */
const ATTEMPTS_PER_ADDRESS = 10;
const FAILURES_PER_CLIENT = 50;
const WINDOW_SECONDS = 15 * 60;
const ISSUER = 'Service Guarantee';

export interface SecondFactorEnrolment {
  readonly secret: string;
  readonly otpauthUri: string;
}

/** The lockout of an address with no account: never a person's id, which has no @. */
const nobodyAt = (email: string) =>
  `@address:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;

/**
 * A local account: email and password, then for anyone who can decide complaints or move money
 * (or who chose to enrol), a TOTP code or a recovery code. Every failure counts towards the
 * account's lock-out; the address and the client are rate-limited before any work is done.
 */
export class PasswordSignIn {
  constructor(
    private readonly directory: Directory,
    private readonly people: PeopleRecords,
    private readonly credentials: CredentialStore,
    private readonly sessions: Sessions,
    private readonly limiter: RateLimiter,
    private readonly log: SignInLog,
    private readonly now: () => Date,
  ) {}

  async signIn(email: string, password: string, client: ClientDetails): Promise<IssuedSession> {
    // Counted before the work, so attempts made at once cannot all slip under the limits; given
    // back when it succeeds.
    const attempts = `sign-in:address:${email.trim().toLowerCase()}`;
    await this.limit(attempts, ATTEMPTS_PER_ADDRESS);
    const clientFailures = `sign-in:client-failures:${client.ip ?? 'unknown'}`;
    await this.limit(clientFailures, FAILURES_PER_CLIENT);
    const issued = await this.checkCredentials(email, password, client);
    for (const key of [attempts, clientFailures])
      await this.limiter.refund(key, WINDOW_SECONDS, this.now());
    return issued;
  }

  private async checkCredentials(
    email: string,
    password: string,
    client: ClientDetails,
  ): Promise<IssuedSession> {
    const person = await this.directory.personByEmail(email);
    // A password left behind when an administrator moved the person to another way is no key.
    const hash =
      person && signsInBy(person, 'password')
        ? await this.credentials.passwordHash(person.personId)
        : null;
    if (!person || !hash || person.disabled) {
      // Locked out, and as long to check, as an account would be: neither the answers nor their
      // timing say whether the address has an account.
      const nobody = nobodyAt(email);
      await this.refuseWhileLocked(nobody);
      await verifyAgainstNobody(password);
      await this.changeLockout(nobody);
      await this.log.failed(person?.personId ?? null, 'password', 'unknown or disabled account');
      throw invalidCredentials();
    }
    await this.refuseWhileLocked(person.personId);
    if (!(await verifyPassword(hash, password))) {
      await this.failed(person, 'wrong password');
      throw invalidCredentials();
    }
    if (needsRehash(hash))
      await this.credentials.setPasswordHash(
        person.personId,
        await hashPassword(password),
        this.now(),
      );
    if (person.secondFactorEnrolled)
      return this.sessions.start(person.personId, 'second-factor', 'password', client);
    if (needsSecondFactor(person.roles))
      return this.sessions.start(person.personId, 'second-factor-enrolment', 'password', client);
    return this.signedIn(person, null, client);
  }

  /** The code from the authenticator app, or one of the recovery codes. */
  async proveSecondFactor(
    session: StoredSession,
    answer: { code?: string; recoveryCode?: string },
    client: ClientDetails,
  ): Promise<IssuedSession> {
    const person = await this.pending(session, 'second-factor');
    await this.refuseWhileLocked(person.personId);
    await this.limit(`second-factor:${person.personId}`, ATTEMPTS_PER_ADDRESS);
    if (answer.recoveryCode !== undefined) {
      const position = matchRecoveryCode(
        answer.recoveryCode,
        await this.credentials.recoveryCodeDigests(person.personId),
      );
      if (
        position === null ||
        !(await this.credentials.useRecoveryCode(person.personId, position))
      ) {
        await this.failed(person, 'wrong recovery code');
        throw new SignInRefused(401, 'INVALID_CODE', 'That recovery code is not right');
      }
      const remaining = (await this.credentials.recoveryCodeDigests(person.personId)).filter(
        (digest) => digest !== null,
      ).length;
      await this.people.recoveryCodeUsed(person.personId, remaining, this.context(person));
      return this.signedIn(person, session, client);
    }
    const factor = await this.credentials.secondFactor(person.personId);
    const checked = factor?.confirmed
      ? verifyTotp(factor.secret, answer.code ?? '', this.now(), factor.lastStep)
      : { ok: false as const };
    if (
      !checked.ok ||
      !(await this.credentials.useTotpStep(person.personId, checked.step, false))
    ) {
      await this.failed(person, 'wrong second-factor code');
      throw new SignInRefused(401, 'INVALID_CODE', 'That code is not right, or was used already');
    }
    return this.signedIn(person, session, client);
  }

  /** A new authenticator secret for someone who must enrol (or a signed-in person enrolling). */
  /**
   * The secret to add to an authenticator app: the one already given to this sign-in, if any, so
   * that a page reloaded or a code mistyped does not leave the app holding a secret no longer asked.
   */
  async beginEnrolment(session: StoredSession): Promise<SecondFactorEnrolment> {
    const person = await this.enrolling(session);
    const given = session.data.pendingSecret;
    const secret = typeof given === 'string' && given !== '' ? given : newTotpSecret();
    if (secret !== given) await this.sessions.remember(session, { pendingSecret: secret });
    return { secret, otpauthUri: otpauthUri({ secret, account: person.email, issuer: ISSUER }) };
  }

  /** The first code from the new secret confirms it; the recovery codes are shown this once. */
  async confirmEnrolment(
    session: StoredSession,
    code: string,
    client: ClientDetails,
  ): Promise<IssuedSession & { recoveryCodes: string[] }> {
    const person = await this.enrolling(session);
    const secret = session.data.pendingSecret;
    if (!secret)
      throw new SignInRefused(
        409,
        'ENROLMENT_NOT_STARTED',
        'Ask for a new authenticator secret first',
      );
    await this.limit(`second-factor:${person.personId}`, ATTEMPTS_PER_ADDRESS);
    const checked = verifyTotp(secret, code, this.now(), null);
    if (!checked.ok) {
      await this.failed(person, 'wrong code while enrolling');
      throw new SignInRefused(401, 'INVALID_CODE', 'That code is not right');
    }
    await this.credentials.startSecondFactor(person.personId, secret);
    await this.credentials.useTotpStep(person.personId, checked.step, true);
    const recovery = newRecoveryCodes();
    await this.credentials.setRecoveryCodes(person.personId, recovery.digests);
    await this.people.secondFactorEnrolled(person.personId, this.context(person));
    const issued = await this.signedIn(person, session, client);
    return { ...issued, recoveryCodes: recovery.codes };
  }

  /** Refuses a password the rules do not allow for this person (PASSWORD_REJECTED, saying why). */
  async checkPassword(personId: string, password: string): Promise<Person> {
    const person = await this.directory.person(personId);
    if (!person || person.disabled) throw invalidCredentials();
    const problem = passwordProblem(password, { email: person.email, name: person.name });
    if (problem) throw new SignInRefused(422, 'PASSWORD_REJECTED', problem);
    return person;
  }

  /** Sets the person's password, checked against the rules; ends every other session. */
  async setPassword(personId: string, password: string, keepSession: string | null): Promise<void> {
    const person = await this.checkPassword(personId, password);
    await this.credentials.setPasswordHash(personId, await hashPassword(password), this.now());
    await this.people.passwordSet(personId, this.context(person));
    await this.sessions.endAllFor(personId, keepSession);
  }

  private async signedIn(
    person: Person,
    previous: StoredSession | null,
    client: ClientDetails,
  ): Promise<IssuedSession> {
    await this.credentials.changeLockout(person.personId, () => AFTER_SUCCESS);
    // Only a second factor's proof (a code, a recovery code, an enrolment) advances a session.
    const issued = previous
      ? await this.sessions.advance(
          previous,
          person.personId,
          'signed-in',
          'password',
          client,
          secondFactorProven,
        )
      : await this.sessions.start(person.personId, 'signed-in', 'password', client);
    await this.log.signedIn(person.personId, 'password', issued.session.key);
    return issued;
  }

  private async pending(session: StoredSession, stage: StoredSession['stage']): Promise<Person> {
    const person = session.personId ? await this.directory.person(session.personId) : null;
    if (session.stage !== stage || !person || person.disabled)
      throw new SignInRefused(401, 'SIGN_IN_REQUIRED', 'Start signing in again');
    return person;
  }

  private async enrolling(session: StoredSession): Promise<Person> {
    return this.pending(
      session,
      session.stage === 'signed-in' ? 'signed-in' : 'second-factor-enrolment',
    );
  }

  /** `key`: the person's id, or for an address with no account, `nobodyAt` it. */
  private async refuseWhileLocked(key: string) {
    const seconds = lockedForSeconds(await this.credentials.lockout(key), this.now());
    if (seconds > 0) throw tooManyAttempts(seconds);
  }

  private changeLockout(key: string) {
    const now = this.now();
    return this.credentials.changeLockout(key, (before) => afterFailure(before, now));
  }

  private async failed(person: Person, reason: string) {
    const record = await this.changeLockout(person.personId);
    await this.log.failed(person.personId, 'password', reason);
    if (record.failures === 0 && record.lockedUntil)
      await this.log.lockedOut(person.personId, record.lockedUntil);
  }

  private limit(key: string, limit: number) {
    return withinRateLimit(this.limiter, key, limit, WINDOW_SECONDS, this.now());
  }

  private context(person: Person) {
    return { actor: { id: person.personId, role: 'sign-in' } };
  }
}
