import { type OidcIdentity } from './oidc-sign-in';

/** The claims of a validated ID token that say who signed in. */
export interface IdTokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly [claim: string]: unknown;
}

const emailShaped = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Entra ID sends `email` only when the tenant fills it in (and as an optional claim), but always
 * puts the user principal name, which is the sign-in address, in `preferred_username`; other
 * providers put a plain user name there, so it counts only when it is shaped like an address.
 *
 * `email` counts only where the provider vouches for it (`email_verified: true`, or Entra's
 * `xms_edov: true`, the address's domain verified by the tenant): Entra's is an attribute a user
 * or a guest's home tenant may set to anyone's address, which on a first sign-in would claim the
 * invited account of whoever it names. The principal name is the tenant's to give.
 */
export function identityFromIdToken(claims: IdTokenClaims): OidcIdentity {
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email:
      (claims.email_verified === true || claims.xms_edov === true
        ? emailShapedString(claims.email)
        : null) ?? emailShapedString(claims.preferred_username),
    name: nonBlankString(claims.name),
  };
}

function emailShapedString(value: unknown): string | null {
  const text = nonBlankString(value);
  return text !== null && emailShaped.test(text) ? text : null;
}

function nonBlankString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
