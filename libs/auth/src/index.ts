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
export * from './credentials';
export {
  type ApiTokenRecord,
  type CredentialStore,
  type LockoutRecord,
  type OneTimeTokenPurpose,
  type OneTimeTokenRecord,
  type SecondFactorRecord,
} from './accounts/credential-store';
export { SqliteCredentialStore } from './accounts/sqlite-credential-store';
export {
  type CredentialStoreSettings,
  openCredentialStore,
} from './accounts/open-credential-store';
export {
  PostgresCredentialStore,
  type PostgresCredentialStoreOptions,
} from './accounts/postgres-credential-store';
export * from './sessions';
export * from './rate-limits';
export { ApiTokens, type ApiTokenSummary } from './sign-in/api-tokens';
export {
  EMAIL_LINK_MINUTES,
  EmailLinkSignIn,
  type SignInLinkMailer,
} from './sign-in/email-link-sign-in';
export { IdentityProviderSignIn } from './sign-in/identity-provider-sign-in';
export {
  issuePasswordLink,
  PASSWORD_LINK_DAYS,
  PasswordInvitations,
} from './sign-in/password-invitations';
export { PasswordSignIn, type SecondFactorEnrolment } from './sign-in/password-sign-in';
export {
  needsSecondFactor,
  ROLES_NEEDING_SECOND_FACTOR,
  secondFactorMissing,
} from './sign-in/second-factor-policy';
export { SignInLog } from './sign-in/sign-in-log';
export { withinRateLimit } from './sign-in/within-rate-limit';
export { invalidCredentials, SignInRefused, tooManyAttempts } from './sign-in/sign-in-refused';
export {
  type ClientDetails,
  type IssuedSession,
  type SessionLimits,
  Sessions,
} from './sign-in/sessions';
export { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo/demo-credentials';
export { bearerToken } from './bearer-token';
