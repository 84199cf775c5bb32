import { conflict, type Policy, type RoleGrant, unreachableQuorum } from '@sg/complaints';
import { type Directory } from '@sg/directory';

/**
 * Refuses to take someone off the Board when the Board left could not reach the policy's quorum,
 * which it could before: escalated complaints would wait for ever, and the engine refuses to start
 * with such a Board (decision 0014). Disabling a departed member's account stays open, for their
 * access must end at once; the Board is short until someone is added, as its queue says.
 */
export async function requireBoardQuorumKept(
  directory: Directory,
  policy: Policy,
  personId: string,
  roles: readonly RoleGrant[],
): Promise<void> {
  if (roles.some((grant) => grant.role === 'board-member')) return;
  const members = await directory.holdersOf('board-member');
  if (!members.includes(personId)) return;
  const left = members.length - 1;
  const problem = unreachableQuorum(policy, left);
  if (problem === null || unreachableQuorum(policy, members.length) !== null) return;
  throw conflict(
    'BOARD_QUORUM_UNREACHABLE',
    `Taking them off the Board would leave it unable to decide: ${problem}. Add another Board member first, or change the policy`,
  );
}
