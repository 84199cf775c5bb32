import { LLE_SERVICES } from '../catalogue';
import { ROLES, type RoleGrant } from '@sg/complaints';
import { URN_PATTERN, URN_RULE } from '../urn';
import { grantKey } from './person';

const SERVICE_IDS = new Set(LLE_SERVICES.map((service) => service.serviceId));
/** Roles a person or token can be given; `system` is the engine's own. */
export const GRANTABLE_ROLES = ROLES.filter((role) => role !== 'system');

/** Why `value` is not a list of role grants, or null when it is one. */
export function roleGrantsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'must be a list of roles';
  if (value.length > 50) return 'must be at most 50 roles';
  const seen = new Set<string>();
  for (const [index, grant] of value.entries()) {
    const problem = grantProblem(grant);
    if (problem) return `[${index}] ${problem}`;
    // A person holds one grant of a role (of school staff, one a school): a second would replace it.
    const key = grantKey(grant as RoleGrant);
    if (seen.has(key))
      return `[${index}] ${key.replace(':', ' of ')} is given twice: give each role once (a service manager's services in one list)`;
    seen.add(key);
  }
  return null;
}

function grantProblem(grant: unknown): string | null {
  if (typeof grant !== 'object' || grant === null || Array.isArray(grant))
    return 'must be an object with a role';
  const { role, ...rest } = grant as Record<string, unknown>;
  if (typeof role !== 'string' || !(GRANTABLE_ROLES as readonly string[]).includes(role))
    return `role must be one of ${GRANTABLE_ROLES.join(', ')}`;
  const fields = Object.keys(rest);
  const only = (...allowed: string[]) =>
    fields.every((field) => allowed.includes(field))
      ? null
      : `${role} takes only ${allowed.length ? allowed.join(', ') : 'its role'}`;
  switch (role as RoleGrant['role']) {
    case 'school-staff':
      return typeof rest.schoolUrn === 'string' && URN_PATTERN.test(rest.schoolUrn)
        ? only('schoolUrn')
        : `school-staff needs schoolUrn, which ${URN_RULE}`;
    case 'service-manager':
      return Array.isArray(rest.serviceIds) &&
        rest.serviceIds.length > 0 &&
        rest.serviceIds.every((id) => typeof id === 'string' && SERVICE_IDS.has(id))
        ? new Set(rest.serviceIds).size === rest.serviceIds.length
          ? only('serviceIds')
          : 'service-manager names a service twice in serviceIds'
        : `service-manager needs serviceIds, some of ${[...SERVICE_IDS].join(', ')}`;
    case 'board-member':
      return typeof rest.chair === 'boolean'
        ? only('chair')
        : 'board-member needs chair: true or false';
    default:
      return only();
  }
}
