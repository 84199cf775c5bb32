import { type RoleGrant, ruleBroken } from '@sg/complaints';
import { type Directory } from '../directory';

/**
 * Refuses roles an administrator may not grant `personId` (a person, or a token): staff of a
 * school the directory does not hold, which would let no one in and would silently start to when
 * a school with that URN was added (services are the fixed catalogue, which the request's own
 * checks hold roles to); and the Board's chair while someone else holds it, since it has one.
 */
export async function requireGrantableRoles(
  directory: Directory,
  personId: string,
  roles: readonly RoleGrant[],
): Promise<void> {
  for (const grant of roles) {
    if (grant.role === 'school-staff' && !(await directory.school(grant.schoolUrn)))
      throw ruleBroken('UNKNOWN_SCHOOL', `There is no school with URN ${grant.schoolUrn}`);
  }
  if (!roles.some((grant) => grant.role === 'board-member' && grant.chair)) return;
  const chair = (await directory.people()).find(
    (person) =>
      person.personId !== personId &&
      !person.disabled &&
      person.roles.some((grant) => grant.role === 'board-member' && grant.chair),
  );
  if (chair)
    throw ruleBroken(
      'CHAIR_TAKEN',
      `${chair.name} chairs the Board: make them an ordinary member first`,
    );
}
