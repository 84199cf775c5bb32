export {
  OidcSignInRefused,
  type OidcAuthorisationRequest,
  type OidcChecks,
  type OidcIdentity,
  type OidcRefusalReason,
  type OidcSignIn,
} from './oidc/oidc-sign-in';
export {
  createOpenIdClientSignIn,
  type OpenIdClientSignInSettings,
} from './oidc/openid-client-sign-in';
