import type * as OpenIdClient from 'openid-client';
import { identityFromIdToken } from './identity-from-id-token';
import {
  OidcSignInRefused,
  type OidcAuthorisationRequest,
  type OidcChecks,
  type OidcIdentity,
  type OidcSignIn,
} from './oidc-sign-in';

export interface OpenIdClientSignInSettings {
  /** The issuer identifier, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  readonly issuerUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Exactly as registered with the provider. */
  readonly redirectUri: string;
  /** How the client authenticates at the token endpoint; client_secret_basic unless given. */
  readonly clientAuthentication?: 'client_secret_basic' | 'client_secret_post';
  /** Lets a provider on plain http be used: for a provider the tests run locally, never a real one. */
  readonly allowInsecureHttp?: boolean;
}

type OpenIdClientLibrary = typeof OpenIdClient;

const scope = 'openid email profile';

/** A person is waiting on the sign-in page: better a clear refusal than a spinning one. */
const providerTimeoutSeconds = 10;

/**
 * The OpenID Connect relying party on openid-client, configured by discovery from the issuer
 * URL. The library checks the callback's state and issuer, and the ID token's issuer, audience,
 * nonce and lifetime; this adapter turns what it refuses into an {@link OidcSignInRefused}. The
 * ID token's signature is not verified: it comes straight from the token endpoint over TLS,
 * which OpenID Connect Core (3.1.3.7) accepts in its place.
 *
 * openid-client is an ES module, loaded here rather than at the top of the file, so that an
 * application that never configures OpenID Connect (and every test run by ts-jest, which cannot
 * load ES modules) never loads it.
 */
export async function createOpenIdClientSignIn(
  settings: OpenIdClientSignInSettings,
): Promise<OidcSignIn> {
  const issuerUrl = new URL(settings.issuerUrl);
  if (issuerUrl.protocol !== 'https:' && !settings.allowInsecureHttp)
    throw new Error(`The OpenID Connect issuer URL must be https: ${settings.issuerUrl}`);
  const library: OpenIdClientLibrary = await import('openid-client');
  const configuration = await library
    .discovery(issuerUrl, settings.clientId, undefined, clientAuthentication(library, settings), {
      execute: settings.allowInsecureHttp ? [library.allowInsecureRequests] : [],
      timeout: providerTimeoutSeconds,
    })
    .catch((error: unknown) => {
      throw refusalOfDiscovery(library, settings.issuerUrl, error);
    });
  const issuer = configuration.serverMetadata().issuer;

  return {
    async begin(): Promise<OidcAuthorisationRequest> {
      const checks: OidcChecks = {
        state: library.randomState(),
        nonce: library.randomNonce(),
        codeVerifier: library.randomPKCECodeVerifier(),
      };
      const url = library.buildAuthorizationUrl(configuration, {
        redirect_uri: settings.redirectUri,
        scope,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await library.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, checks };
    },

    async complete(callbackUrl: URL, checks: OidcChecks): Promise<OidcIdentity> {
      const parameters = callbackUrl.searchParams;
      // The library checks both as well; checked first here so that each has its own reason.
      if (parameters.get('state') !== checks.state)
        throw new OidcSignInRefused(
          'STATE_MISMATCH',
          'The callback does not answer the sign-in this browser began',
        );
      const namedIssuer = parameters.get('iss');
      if (namedIssuer !== null && namedIssuer !== issuer)
        throw new OidcSignInRefused(
          'ISSUER_MISMATCH',
          `The callback comes from another issuer than ${issuer}`,
        );
      // The token request must name the registered redirect URI, whatever host or proxy the
      // callback reached the application through.
      const answered = new URL(settings.redirectUri);
      answered.search = parameters.toString();
      try {
        const tokens = await library.authorizationCodeGrant(configuration, answered, {
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          pkceCodeVerifier: checks.codeVerifier,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims)
          throw new OidcSignInRefused('INVALID_RESPONSE', 'The provider sent no ID token');
        return identityFromIdToken(claims);
      } catch (error) {
        throw refusalOf(library, error) ?? error;
      }
    },
  };
}

function clientAuthentication(
  library: OpenIdClientLibrary,
  settings: OpenIdClientSignInSettings,
): OpenIdClient.ClientAuth {
  return settings.clientAuthentication === 'client_secret_post'
    ? library.ClientSecretPost(settings.clientSecret)
    : library.ClientSecretBasic(settings.clientSecret);
}

function refusalOfDiscovery(
  library: OpenIdClientLibrary,
  issuerUrl: string,
  error: unknown,
): unknown {
  const compared = comparedAttribute(error);
  if (
    error instanceof library.ClientError &&
    error.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' &&
    compared?.attribute === 'issuer'
  )
    return new OidcSignInRefused(
      'ISSUER_MISMATCH',
      `The provider at ${issuerUrl} names itself ${String(compared.body?.issuer)}: the issuer URL must be its issuer identifier exactly`,
      { cause: error },
    );
  const refusal = refusalOf(library, error);
  if (!refusal) return error;
  return new OidcSignInRefused(
    refusal.reason,
    `The provider's metadata could not be discovered from ${issuerUrl}: ${refusal.message}`,
    { cause: error },
  );
}

/** What the library refused, as a refusal; `undefined` for an error that is a bug, not a refusal. */
function refusalOf(library: OpenIdClientLibrary, error: unknown): OidcSignInRefused | undefined {
  if (error instanceof OidcSignInRefused) return error;
  if (error instanceof library.AuthorizationResponseError)
    return new OidcSignInRefused(
      'PROVIDER_ERROR',
      `The provider refused the sign-in: ${oauthErrorCode(error.error)}`,
      { cause: error },
    );
  if (error instanceof library.ResponseBodyError)
    return new OidcSignInRefused(
      'PROVIDER_ERROR',
      `The provider refused the code: ${oauthErrorCode(error.error)}`,
      { cause: error },
    );
  if (error instanceof library.ClientError) {
    switch (error.code) {
      case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
        return new OidcSignInRefused(
          'ID_TOKEN_REJECTED',
          `The ID token's ${checkedClaim(error) ?? 'claims'} failed validation`,
          { cause: error },
        );
      case 'OAUTH_TIMEOUT':
      case 'OAUTH_ABORT':
        return new OidcSignInRefused(
          'PROVIDER_UNREACHABLE',
          'The provider did not answer in time',
          { cause: error },
        );
      default:
        return new OidcSignInRefused(
          'INVALID_RESPONSE',
          "The provider's answer is not a valid OpenID Connect response",
          { cause: error },
        );
    }
  }
  // fetch reports a failed connection as a TypeError; the library's own argument errors, which
  // are bugs here rather than refusals, carry an ERR_INVALID_ARG_* code.
  if (error instanceof TypeError && !('code' in error))
    return new OidcSignInRefused('PROVIDER_UNREACHABLE', 'The provider could not be reached', {
      cause: error,
    });
  return undefined;
}

/** The OAuth error code, which is from a fixed vocabulary, unlike its free-text description. */
function oauthErrorCode(code: string): string {
  return /^[\w.-]{1,64}$/.test(code) ? code : 'an unrecognised error';
}

/** The claim a failed ID token check was about, which the library records on its cause. */
function checkedClaim(error: Error): string | undefined {
  const claim = (error.cause as { cause?: { claim?: unknown } } | undefined)?.cause?.claim;
  return typeof claim === 'string' ? `"${claim}" claim` : undefined;
}

/** What a failed comparison of discovered metadata was about, as the library records it. */
interface MetadataComparison {
  readonly attribute?: unknown;
  readonly body?: { readonly issuer?: unknown };
}

function comparedAttribute(error: unknown): MetadataComparison | undefined {
  return error instanceof Error ? (error.cause as MetadataComparison | undefined) : undefined;
}
