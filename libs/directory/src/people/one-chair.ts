import { type RoleGrant, ruleBroken } from '@sg/complaints';
import { type Directory } from '../directory';

/** The Board has one chair: refuses to make `personId` chair while someone else is. */
export async function requireOneChair(
  directory: Directory,
  personId: string,
  roles: readonly RoleGrant[],
): Promise<void> {
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
