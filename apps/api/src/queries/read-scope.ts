import {
  type Actor,
  forbidden,
  grantOf,
  hasRole,
  isSchoolStaffOf,
  notFound,
  ROLES_THAT_LOG_FOR_SCHOOLS,
} from '@sg/complaints';
import { type FeeAgreementScope, type ReadScope } from '@sg/read-models';

const SEES_EVERYTHING = ['business-support', 'board-member', 'admin'] as const;

/**
 * What a reader may list, by the same rule as reading one complaint: council staff with a part
 * in every complaint see all; a service manager their services'; finance those it pays; school
 * staff their school's; an officer those they logged for a school, in a role they still hold.
 */
export function readScopeOf(actor: Actor): ReadScope {
  const urns = actor.roles.flatMap((grant) =>
    grant.role === 'school-staff' ? [grant.schoolUrn] : [],
  );
  if (SEES_EVERYTHING.some((role) => hasRole(actor, role))) return { all: true, ownSchools: urns };
  const serviceIds = grantOf(actor, 'service-manager')?.serviceIds ?? [];
  const payments = hasRole(actor, 'finance');
  // The roles an officer logs a complaint for a school in: a service's manager with no service
  // yet still finds what they logged.
  const loggingRoles = actor.roles.flatMap((grant) =>
    ROLES_THAT_LOG_FOR_SCHOOLS.includes(grant.role) ? [grant.role] : [],
  );
  if (serviceIds.length === 0 && urns.length === 0 && !payments && loggingRoles.length === 0)
    throw forbidden(`${actor.name} may not see complaints`);
  return {
    all: false,
    serviceIds,
    urns,
    councilReader: serviceIds.length > 0 || payments || loggingRoles.length > 0,
    ownSchools: urns,
    payments,
    logged: { by: actor.id, inRoles: loggingRoles },
  };
}

/** What another school's staff are told of a school, the same as of one that does not exist. */
export const noSuchSchool = () => notFound('SCHOOL_NOT_FOUND', 'There is no such school');

/**
 * Whose contracts and bookings at school `urn` a reader may list, by the rule for complaints:
 * council staff with a part in every complaint, finance (the fees are the council's accounts)
 * and the school's own staff see all of them; a service manager those of their services. Staff of another school are told the school does not
 * exist, exactly as for a URN that names none, so they learn nothing about it.
 */
export function feeAgreementScopeOf(actor: Actor, urn: string): FeeAgreementScope {
  if (
    [...SEES_EVERYTHING, 'finance' as const].some((role) => hasRole(actor, role)) ||
    isSchoolStaffOf(actor, urn)
  )
    return { all: true };
  const serviceIds = grantOf(actor, 'service-manager')?.serviceIds ?? [];
  if (serviceIds.length > 0) return { all: false, serviceIds };
  if (hasRole(actor, 'school-staff')) throw noSuchSchool();
  throw forbidden(`${actor.name} may not see schools' contracts and bookings`);
}
