import { type Actor, type ComplaintState, membersBehind } from '@sg/complaints';

/**
 * What a Board member has already done on what awaits the Board, as the queue tells them: so that
 * a member does not open a complaint only to find it is waiting for others.
 */
export function yourPartIn(state: ComplaintState, actor: Actor): string | null {
  if (!state.exists) return null;
  const proposal = state.proposal?.status === 'proposed' ? state.proposal : null;
  if (proposal?.proposedBy === actor.id)
    return 'you proposed this reimbursement: other members approve it';
  if (proposal?.approvals.includes(actor.id)) return 'you have approved this reimbursement';
  if (state.pendingDecision && membersBehind(state.pendingDecision).includes(actor.id))
    return 'you back the decision put to the Board: other members support it';
  if (state.pendingWaiver && membersBehind(state.pendingWaiver).includes(actor.id))
    return 'you back closing it without a reimbursement: other members support it';
  return null;
}
