import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTokens, bearerToken, secondFactorMissing, Sessions } from '@sg/auth';
import { type Actor } from '@sg/complaints';
import { type EnvironmentVariables } from '@sg/config';
import {
  actorOf,
  Directory,
  type Person,
  SIGN_IN_METHODS,
  type SignInMethod,
  signsInBy,
} from '@sg/directory';
import { type RequestWithIdentity } from './request-identity';
import { readCookie, sessionCookieName } from './session-cookie';

export const ACTING_PERSON_HEADER = 'x-acting-person';

export const signInRequired = (message = 'Sign in to use this service') =>
  new UnauthorizedException({ code: 'SIGN_IN_REQUIRED', message });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a browser says the request came from this app's own pages, or from the person (a
 * bookmark, the address bar); a client that is no browser says nothing. Not merely the same site:
 * every other service under the council's domain (a *.lancashire.gov.uk) is that, and the session
 * cookie (SameSite=Lax) goes with its requests too.
 */
const fromThisOrigin = (site: string | undefined) =>
  site === undefined || site === 'same-origin' || site === 'none';

/**
 * Whether the Origin a browser sent is this app's: the public address it is configured with, or
 * the one the request was sent to (scheme, host and port, as a trusted proxy passes them on). Asked
 * only of a browser that predates Sec-Fetch-Site, which still sends Origin with a cross-site POST:
 * a page on another host under the council's domain is refused by it. An opaque origin ("null")
 * is no one's.
 */
function fromOwnOrigin(request: RequestWithIdentity, publicOrigin: string | null): boolean {
  const origin = request.header('origin');
  if (origin === undefined || origin === publicOrigin) return true;
  try {
    return new URL(origin).origin === new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return false;
  }
}

/** Whether a session begun by `method` is still one the person may sign in by. */
const stillTheirWay = (person: Person, method: string | null): boolean =>
  !SIGN_IN_METHODS.includes(method as SignInMethod) || signsInBy(person, method as SignInMethod);

/**
 * Who is calling: an API token, a session cookie, or in a local demo the development header. Puts
 * the actor (and the session) on the request; refuses a token or header that names nobody.
 */
@Injectable()
export class CallerIdentity {
  private readonly devHeader: boolean;
  private readonly cookieName: string;
  private readonly publicOrigin: string | null;

  constructor(
    private readonly sessions: Sessions,
    private readonly tokens: ApiTokens,
    private readonly directory: Directory,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.devHeader = config.get('DEV_IDENTITY_HEADER', { infer: true }) === 'enabled';
    this.cookieName = sessionCookieName(config.get('NODE_ENV', { infer: true }) !== 'development');
    const publicUrl = config.get('PUBLIC_URL', { infer: true });
    this.publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  }

  async identify(request: RequestWithIdentity): Promise<void> {
    const authorization = request.header('authorization');
    if (authorization !== undefined) {
      const token = bearerToken(authorization);
      const actor = token === null ? null : await this.tokens.authenticate(token);
      if (!actor) throw signInRequired('That API token does not work');
      request.actor = actor;
      return;
    }
    const sessionId = readCookie(request, this.cookieName);
    if (sessionId) {
      const session = await this.sessions.resolve(sessionId);
      if (session) {
        request.session = session;
        request.sessionId = sessionId;
        if (session.stage === 'signed-in' && session.personId)
          request.actor = await this.signedIn(session.personId, session.method, request);
        return;
      }
    }
    const named = this.devHeader ? request.header(ACTING_PERSON_HEADER) : undefined;
    if (named !== undefined) {
      const actor = await this.directory.actor(named);
      if (!actor)
        throw new UnauthorizedException({ code: 'UNKNOWN_PERSON', message: 'No such person' });
      request.actor = actor;
    }
  }

  /**
   * Roles are read afresh on every request, so a revoked role, a disabled account or a sign-in
   * method an administrator took away (a session begun as they changed it) stops at once; and a
   * role granted that needs a second factor the session never gave ends the session, so it is
   * first used after signing in again with one.
   */
  private async signedIn(
    personId: string,
    method: string | null,
    request: RequestWithIdentity,
  ): Promise<Actor> {
    const person = await this.directory.person(personId);
    const actor = person && actorOf(person);
    if (
      !actor ||
      !stillTheirWay(person, method) ||
      secondFactorMissing(request.session!, person.roles)
    ) {
      await this.sessions.end(request.session!);
      throw signInRequired();
    }
    const site = request.header('sec-fetch-site');
    if (
      !SAFE_METHODS.has(request.method) &&
      (site === undefined ? !fromOwnOrigin(request, this.publicOrigin) : !fromThisOrigin(site))
    )
      throw new ForbiddenException({
        code: 'CROSS_SITE_REQUEST',
        message: 'This request came from another site',
      });
    return actor;
  }
}
