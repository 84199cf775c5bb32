/** Sign-in services built by factories (their constructors take settings as well as services). */
export const PASSWORD_SIGN_IN = Symbol('PasswordSignIn');
export const PASSWORD_INVITATIONS = Symbol('PasswordInvitations');
export const EMAIL_LINK_SIGN_IN = Symbol('EmailLinkSignIn');
export const IDENTITY_PROVIDER_SIGN_IN = Symbol('IdentityProviderSignIn');
export const CREDENTIALS = Symbol('CredentialStore');
export const SIGN_IN_MAILER = Symbol('SignInMailer');
/** The time sign-in runs by: real time, even in a sped-up demonstration. */
export const SECURITY_CLOCK = Symbol('SecurityClock');
export const RATE_LIMITER = Symbol('RateLimiter');
