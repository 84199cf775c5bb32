import { SetMetadata } from '@nestjs/common';
import { type Role } from '@sg/complaints';

export const ACCESS_POLICY = 'sg:access-policy';

/**
 * Who may call a route, declared on the route itself and checked before anything the route does.
 * A route without one is refused to everybody (and the route test fails).
 */
export type AccessPolicy =
  | { readonly kind: 'anyone' }
  | { readonly kind: 'signed-in' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

/** Open to anybody: the start of signing in, health for the load balancer. */
export const Anyone = () => SetMetadata(ACCESS_POLICY, { kind: 'anyone' } satisfies AccessPolicy);

/** Anyone signed in; what they may see is then the domain's rule (a complaint's school, service). */
export const SignedIn = () =>
  SetMetadata(ACCESS_POLICY, { kind: 'signed-in' } satisfies AccessPolicy);

/** Holders of any of `roles`. */
export const RolesAllowed = (...roles: Role[]) =>
  SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);
