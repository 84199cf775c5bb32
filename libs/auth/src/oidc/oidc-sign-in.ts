/**
 * Signing council staff in through their council's OpenID Connect provider (Microsoft Entra ID in
 * practice): the authorisation-code flow with PKCE, state and nonce. The caller keeps the checks
 * of a request it began (in the browser's pre-sign-in session) and hands them back on the
 * callback, so a callback that is not the answer to this browser's own request is refused.
 */
export interface OidcSignIn {
  /** A fresh authorisation-code request with PKCE (S256), state and nonce. */
  begin(): Promise<OidcAuthorisationRequest>;
  /**
   * Exchanges the code on the callback URL (only its query is read) and returns who signed in.
   * Refuses, with an {@link OidcSignInRefused}, a wrong state, nonce, issuer or audience, and any
   * error the provider answers with.
   */
  complete(callbackUrl: URL, checks: OidcChecks): Promise<OidcIdentity>;
}

export interface OidcAuthorisationRequest {
  /** Where to send the browser. */
  readonly url: string;
  /** Secret to the browser's session: never put in a URL or a page. */
  readonly checks: OidcChecks;
}

export interface OidcChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/**
 * Who the provider says signed in. The issuer and subject together are the stable key of an
 * account; the email is for finding the invited person the first time and may change later.
 */
export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly name: string | null;
}

export type OidcRefusalReason =
  /** The callback does not answer the request this browser began (forged or replayed). */
  | 'STATE_MISMATCH'
  /** The provider names itself differently from the configured issuer (mix-up or misconfiguration). */
  | 'ISSUER_MISMATCH'
  /** The provider answered with an OAuth error: the person cancelled, or the code was refused. */
  | 'PROVIDER_ERROR'
  /** The ID token is not for this client, this request or this issuer, or has expired. */
  | 'ID_TOKEN_REJECTED'
  /** The provider's answer does not follow the protocol (a parameter missing or repeated). */
  | 'INVALID_RESPONSE'
  /** The provider could not be reached or did not answer in time. */
  | 'PROVIDER_UNREACHABLE';

/**
 * A sign-in that must not go ahead. The message is safe to log and says which check failed; the
 * relying-party library's own error, which may quote tokens or provider text, is kept as `cause`.
 */
export class OidcSignInRefused extends Error {
  override readonly name = 'OidcSignInRefused';

  constructor(
    readonly reason: OidcRefusalReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
