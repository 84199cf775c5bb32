import { type Actor, forbidden, grantOf, hasRole } from '@sg/complaints';
import { type ReadScope } from '@sg/read-models';

const SEES_EVERYTHING = ['business-support', 'board-member', 'finance', 'admin'] as const;

/**
 * What a reader may list, by the same rule as reading one complaint: council staff with a part
 * in every complaint see all; a service manager their services'; school staff their school's.
 */
export function readScopeOf(actor: Actor): ReadScope {
  if (SEES_EVERYTHING.some((role) => hasRole(actor, role))) return { all: true };
  const serviceIds = grantOf(actor, 'service-manager')?.serviceIds ?? [];
  const urns = actor.roles.flatMap((grant) =>
    grant.role === 'school-staff' ? [grant.schoolUrn] : [],
  );
  if (serviceIds.length === 0 && urns.length === 0)
    throw forbidden(`${actor.name} may not see complaints`);
  return { all: false, serviceIds, urns, councilReader: serviceIds.length > 0 };
}

/** Refuses a reader who holds none of the roles a queue is for. */
export function requireRole(actor: Actor, roles: readonly Parameters<typeof hasRole>[1][]) {
  if (!roles.some((role) => hasRole(actor, role)))
    throw forbidden(`${actor.name} may not see this queue`);
}
