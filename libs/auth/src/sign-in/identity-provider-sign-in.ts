import { type Directory, type PeopleRecords, type Person, signsInBy } from '@sg/directory';
import { type OidcSignIn, OidcSignInRefused } from '../oidc/oidc-sign-in';
import { type StoredSession } from '../sessions';
import { type SignInLog } from './sign-in-log';
import { SignInRefused } from './sign-in-refused';
import { type ClientDetails, type IssuedSession, type Sessions } from './sessions';

/**
 * Council staff sign in with the council's identity provider (Entra ID, say). A person is known by
 * the provider's issuer and subject; the first time, by the address the provider gives, which must
 * be someone an administrator added. The provider's own second factor stands in for ours.
 */
export class IdentityProviderSignIn {
  constructor(
    private readonly provider: OidcSignIn,
    private readonly directory: Directory,
    private readonly people: PeopleRecords,
    private readonly sessions: Sessions,
    private readonly log: SignInLog,
  ) {}

  /** Where to send the browser, and the session that remembers the request's state and nonce. */
  async begin(client: ClientDetails): Promise<IssuedSession & { url: string }> {
    const request = await this.provider.begin();
    const issued = await this.sessions.start(
      null,
      'identity-provider',
      'identity-provider',
      client,
      {
        state: request.checks.state,
        nonce: request.checks.nonce,
        codeVerifier: request.checks.codeVerifier,
      },
    );
    return { ...issued, url: request.url };
  }

  async complete(
    session: StoredSession | null,
    callbackUrl: URL,
    client: ClientDetails,
  ): Promise<IssuedSession> {
    if (!session || session.stage !== 'identity-provider')
      throw new SignInRefused(401, 'SIGN_IN_REQUIRED', 'Start signing in again');
    // The pending session is spent whatever the provider answers: a callback works once.
    await this.sessions.end(session);
    let identity;
    try {
      identity = await this.provider.complete(callbackUrl, {
        state: session.data.state ?? '',
        nonce: session.data.nonce ?? '',
        codeVerifier: session.data.codeVerifier ?? '',
      });
    } catch (error) {
      if (!(error instanceof OidcSignInRefused)) throw error;
      await this.log.failed(null, 'identity-provider', error.reason);
      throw new SignInRefused(
        401,
        'IDENTITY_PROVIDER_REFUSED',
        'Signing in did not work. Try again.',
      );
    }
    const person = await this.personFor(identity.issuer, identity.subject, identity.email);
    if (!person || person.disabled) {
      await this.log.failed(person?.personId ?? null, 'identity-provider', 'no account');
      throw new SignInRefused(
        403,
        'NO_ACCOUNT',
        'You do not have an account for this service. Ask an administrator to add you.',
      );
    }
    const issued = await this.sessions.start(
      person.personId,
      'signed-in',
      'identity-provider',
      client,
    );
    await this.log.signedIn(person.personId, 'identity-provider', issued.session.key);
    return issued;
  }

  private async personFor(
    issuer: string,
    subject: string,
    email: string | null,
  ): Promise<Person | null> {
    const linked = await this.directory.personByIdentity(issuer, subject);
    // A subject stays linked for good; it signs the person in only while this is their way.
    if (linked) return signsInBy(linked, 'identity-provider') ? linked : null;
    const invited = email ? await this.directory.personByEmail(email) : null;
    // School staff sign in by link; an identity provider vouches only for council staff, and an
    // address matches only until a subject is linked, so a second account cannot take the person.
    // Nor one with a password (and, for the Board, finance and administrators, an authenticator):
    // whoever the provider gave that address (a guest, a self-registered user) would sign in as
    // them without either.
    if (
      !invited ||
      invited.disabled ||
      invited.signIn === 'email-link' ||
      invited.signIn === 'password' ||
      invited.identityLinked
    )
      return null;
    await this.people.linkIdentity(invited.personId, issuer, subject, {
      actor: { id: invited.personId, role: 'sign-in' },
    });
    return invited;
  }
}
