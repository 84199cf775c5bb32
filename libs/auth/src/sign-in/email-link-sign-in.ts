import { Logger } from '@nestjs/common';
import {
  type Directory,
  normalisedAddress,
  type PeopleRecords,
  type Person,
  type SchoolDetails,
  schoolStaffOnly,
  schoolUserId,
  signsInBy,
} from '@sg/directory';
import { type CredentialStore } from '../accounts/credential-store';
import { digestOf, isWellFormedSecretToken, newSecretToken } from '../credentials';
import { type RateLimiter } from '../rate-limits';
import { type SignInLog } from './sign-in-log';
import { withinRateLimit } from './within-rate-limit';
import { SignInRefused } from './sign-in-refused';
import { type ClientDetails, type IssuedSession, type Sessions } from './sessions';
import { whySendingFailed } from './why-sending-failed';

export const EMAIL_LINK_MINUTES = 15;
const LINKS_PER_ADDRESS = 3;
const LINKS_PER_CLIENT = 20;
const WINDOW_SECONDS = 15 * 60;

/** What the links asked for an address are counted under. */
const addressKey = (email: string) => `email-link:address:${email.trim().toLowerCase()}`;

/** Sends the link; the link's page completes sign-in. */
export interface SignInLinkMailer {
  sendSignInLink(to: { email: string; name: string }, link: string, minutes: number): Promise<void>;
}

/** A link that no longer works: used, expired, or never issued. All look the same. */
const linkNotValid = () =>
  new SignInRefused(
    410,
    'LINK_NOT_VALID',
    'This sign-in link has been used or has expired. Ask for a new one.',
  );

/**
 * School staff sign in with a link sent to an address registered for their school: no password
 * to forget. The link is random, stored as a digest, works once and for 15 minutes, and opens a
 * page whose button completes sign-in, because mail scanners open links before people do.
 */
const SENDING = new Logger('EmailLinkSignIn');

export class EmailLinkSignIn {
  constructor(
    private readonly directory: Directory,
    private readonly people: PeopleRecords,
    private readonly credentials: CredentialStore,
    private readonly sessions: Sessions,
    private readonly limiter: RateLimiter,
    private readonly log: SignInLog,
    private readonly mailer: SignInLinkMailer,
    private readonly linkBase: string,
    private readonly now: () => Date,
  ) {}

  /**
   * Sends a link when the address reaches a school; answers the same whether or not it does, so
   * the answer says nothing about which addresses are registered.
   */
  async request(email: string, client: ClientDetails): Promise<void> {
    await this.limit(addressKey(email), LINKS_PER_ADDRESS);
    await this.limit(`email-link:client:${client.ip ?? 'unknown'}`, LINKS_PER_CLIENT);
    const schools = await this.directory.schoolsReachedAt(email);
    const person = await this.directory.personByEmail(email);
    if (schools.length === 0 || person?.disabled) {
      await this.log.failed(person?.personId ?? null, 'email-link', 'address reaches no school');
      return;
    }
    if (person && (await this.notByLink(person))) return;
    const token = newSecretToken();
    const expiresAt = new Date(this.now().getTime() + EMAIL_LINK_MINUTES * 60_000);
    await this.credentials.forgetOldTokens(this.now());
    await this.credentials.saveOneTimeToken(digestOf(token), {
      purpose: 'school-link',
      personId: person?.personId ?? null,
      email: email.trim().toLowerCase(),
      expiresAt: expiresAt.toISOString(),
    });
    // Not waited for: how long the mail server takes, or that it is down, would tell the caller
    // that this address is registered. A link that could not be sent is logged; they ask again.
    // To the address as registered, never as typed: a spelling that folds to a registered address
    // (a Kelvin sign for a k) could be someone else's mailbox.
    void this.mailer
      .sendSignInLink(
        {
          email: person?.email ?? normalisedAddress(email),
          name: person?.name ?? schoolsNamed(schools),
        },
        `${this.linkBase}/auth/email-link/${token}`,
        EMAIL_LINK_MINUTES,
      )
      .catch((error: unknown) => {
        // The operator must hear of a relay refusing links (every school would be locked out),
        // and why: the server's reply codes, kept by the transport's own error (a permanent
        // failure's cause), never its words, which quote the address; the sign-in log has those.
        SENDING.warn(
          `a school's sign-in link could not be sent (${whySendingFailed(error)}); see the sign-in log`,
        );
        return (
          this.log
            .failed(
              person?.personId ?? null,
              'email-link',
              `the link could not be sent: ${error instanceof Error ? error.message : String(error)}`,
            )
            // Shutting down, the log may be gone too; the link is lost either way.
            .catch(() => undefined)
        );
      });
  }

  /** Whether the link still works: the page shows its button only then. */
  async isValid(token: unknown): Promise<boolean> {
    return (
      isWellFormedSecretToken(token) &&
      (await this.credentials.peekOneTimeToken(digestOf(token), 'school-link', this.now())) !== null
    );
  }

  /** Uses the link (once) and signs its holder in as staff of the schools their address reaches. */
  async complete(token: unknown, client: ClientDetails): Promise<IssuedSession> {
    if (!isWellFormedSecretToken(token)) throw linkNotValid();
    const link = await this.credentials.takeOneTimeToken(
      digestOf(token),
      'school-link',
      this.now(),
    );
    if (!link) throw linkNotValid();
    const schools = await this.directory.schoolsReachedAt(link.email);
    const known = await this.directory.personByEmail(link.email);
    if (known?.disabled || schools.length === 0) {
      await this.log.failed(
        known?.personId ?? null,
        'email-link',
        'address no longer reaches a school',
      );
      throw linkNotValid();
    }
    // Refused before anything is written: a refused link changes no one's roles.
    if (known && (await this.notByLink(known))) throw linkNotValid();
    const person = await this.personFor(link.email, schools, known);
    const issued = await this.sessions.start(person.personId, 'signed-in', 'email-link', client);
    await this.log.signedIn(person.personId, 'email-link', issued.session.key);
    // The limit keeps a stranger from filling someone's inbox with links; a link its holder used
    // was no such thing, so a head signing in on a laptop, a phone and a laptop again is not kept
    // out for a quarter of an hour.
    await this.limiter.refund(addressKey(link.email), WINDOW_SECONDS, this.now());
    return issued;
  }

  /**
   * The person the address belongs to; someone new becomes school staff of the schools it reaches
   * now, and stays so of each school only while the school's addresses reach them (see
   * PeopleRecords). Whom an administrator added is as the administrator left them.
   */
  private async personFor(
    email: string,
    schools: readonly SchoolDetails[],
    known: Person | null,
  ): Promise<Person> {
    if (known) {
      await this.people.grantSchoolsTheAddressReaches(
        known.personId,
        schools.map((school) => school.urn),
        { actor: { id: known.personId, role: 'sign-in' } },
      );
      return (await this.directory.person(known.personId)) ?? known;
    }
    const personId = schoolUserId(email);
    await this.people.add(
      {
        personId,
        name: email,
        email,
        roles: schools.map((school) => ({ role: 'school-staff' as const, schoolUrn: school.urn })),
        signIn: 'email-link',
      },
      { actor: { id: personId, role: 'sign-in' } },
    );
    const added = await this.directory.person(personId);
    if (!added) throw linkNotValid();
    return added;
  }

  /**
   * Whether a link may not sign `person` in: one holding a council role (see schoolStaffOnly), or
   * one an administrator said signs in another way (a password, the identity provider). The
   * attempt is logged as a failed sign-in when so.
   */
  private async notByLink(person: Person): Promise<boolean> {
    const why = !schoolStaffOnly(person)
      ? 'a council account signs in its own way'
      : !signsInBy(person, 'email-link')
        ? 'signs in another way than by a link'
        : null;
    if (why === null) return false;
    await this.log.failed(person.personId, 'email-link', why);
    return true;
  }

  private limit(key: string, limit: number) {
    return withinRateLimit(this.limiter, key, limit, WINDOW_SECONDS, this.now());
  }
}

const schoolsNamed = (schools: readonly SchoolDetails[]) =>
  schools.map((school) => school.name).join(', ');
