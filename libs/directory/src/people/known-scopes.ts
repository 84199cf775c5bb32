import { type RoleGrant, ruleBroken } from '@sg/complaints';
import { type Directory } from '../directory';

/**
 * Refuses school staff roles over a school the directory does not hold: such a grant would let no
 * one in, and would silently start to when a school with that URN was added. (Services are the
 * fixed catalogue, which the request's own checks already hold roles to.)
 */
export async function requireKnownScopes(
  directory: Directory,
  roles: readonly RoleGrant[],
): Promise<void> {
  for (const grant of roles) {
    if (grant.role === 'school-staff' && !(await directory.school(grant.schoolUrn)))
      throw ruleBroken('UNKNOWN_SCHOOL', `There is no school with URN ${grant.schoolUrn}`);
  }
}
