import { type Actor, hasRole, isSchoolStaffOf, managesService } from '../actor';
import { DomainError } from '../errors';
import { type OpenComplaint } from '../state';

/**
 * Why someone has an interest of their own in the complaint's outcome, or null: they declared
 * one, manage the service complained about, or work at the school complaining (whose fees it may
 * get back). Having logged or handled it is no interest in the money: finance may pay one it logged.
 */
export function interestIn(complaint: OpenComplaint, person: Actor): string | null {
  if (complaint.recused.includes(person.id)) return 'declared a conflict of interest';
  if (managesService(person, complaint.serviceId)) return 'work for the service complained about';
  if (isSchoolStaffOf(person, complaint.schoolUrn)) return 'work at the school complaining';
  return null;
}

/**
 * Why a Board member may not judge this complaint, or null: they manage the service complained
 * about, work at the school complaining (whose fees it may get back), lodged the complaint, handled
 * it in triage or for the service, or declared a conflict.
 */
export function conflictOfInterest(complaint: OpenComplaint, member: Actor): string | null {
  const interest = interestIn(complaint, member);
  if (interest) return interest;
  if (complaint.lodgedBy.id === member.id) return 'lodged the complaint';
  if (complaint.handledBy.includes(member.id)) return 'handled the complaint';
  return null;
}

/**
 * The members behind something the Board has not yet settled who still count towards its quorum:
 * those still on the Board with no conflict with the complaint now. A member who has since left
 * the Board, or come to manage the service complained about, no longer makes up the quorum, as
 * one who stands aside does not (the decider records nothing new about them: their backing is
 * left out when the quorum is counted).
 */
export function stillCounting(
  complaint: OpenComplaint,
  members: readonly string[],
  memberNow: ((memberId: string) => Actor | null) | undefined,
): string[] {
  if (!memberNow) return [...members];
  return members.filter((id) => {
    const member = memberNow(id);
    return (
      member !== null &&
      hasRole(member, 'board-member') &&
      conflictOfInterest(complaint, member) === null
    );
  });
}

export function requireNoConflict(complaint: OpenComplaint, member: Actor, action: string): void {
  const conflict = conflictOfInterest(complaint, member);
  if (conflict) {
    throw new DomainError(
      'CONFLICT_OF_INTEREST',
      'forbidden',
      `${member.name} may not ${action}: they ${conflict}`,
    );
  }
}

/** Where the Board has still to decide, propose or approve: its members act next. */
export const WAITING_FOR_THE_BOARD: readonly string[] = [
  'escalated',
  'board-decided',
  'reimbursement-proposed',
];

/**
 * Whether too few Board members may act on the complaint for the Board to settle it, given those
 * who may (with no conflict of interest): deciding takes the decision quorum, a reimbursement its
 * proposer and the approval quorum besides, and once proposed, that many approvers other than its
 * proposer. Null: enough may, or the complaint does not wait for the Board.
 */
export function boardShortfall(
  complaint: OpenComplaint,
  eligible: readonly string[],
): { readonly eligible: number; readonly cannotDecide: boolean } | null {
  const { decisionQuorum, approvalQuorum } = complaint.policy;
  const short = (cannotDecide: boolean) => ({ eligible: eligible.length, cannotDecide });
  switch (complaint.status) {
    case 'escalated':
      if (eligible.length < decisionQuorum) return short(true);
      return eligible.length < approvalQuorum + 1 ? short(false) : null;
    case 'board-decided':
      return eligible.length < approvalQuorum + 1 ? short(false) : null;
    case 'reimbursement-proposed': {
      const proposer = complaint.proposal?.proposedBy;
      const approvers = eligible.filter((id) => id !== proposer).length;
      return approvers < approvalQuorum ? short(false) : null;
    }
    default:
      return null;
  }
}
