import { type OpenComplaint } from '@sg/complaints';
import { type RecordedEvent } from '@sg/event-store';
import { boardRationale, reimbursementWords } from './lodged-details';

/**
 * What the school reads of the Board's part at the top of its complaint, not only in the history:
 * the decision and its reasons (the decide form tells members the school reads them), and a
 * reimbursement once the Board has approved it: its sum and the date it is to be paid by, then
 * how and when it was paid, under what reference, for the school's finance office. The
 * proposal and its approvals are the Board's working, and stay out.
 */
export function boardForTheSchool(complaint: OpenComplaint, history: readonly RecordedEvent[]) {
  if (!complaint.board) return null;
  const proposal = complaint.proposal;
  const reimbursed =
    proposal && (proposal.status === 'approved' || proposal.status === 'paid') ? proposal : null;
  const paid = reimbursed
    ? (reimbursementWords(history, reimbursed.proposalId)?.paid ?? null)
    : null;
  const payment = complaint.clocks['reimbursement-payment'];
  return {
    outcome: complaint.board.outcome,
    failureLevel: complaint.board.failureLevel,
    rationale: boardRationale(history),
    reimbursement: reimbursed
      ? {
          amountPence: reimbursed.amountPence,
          paid,
          payBy: !paid && payment?.status === 'running' ? payment.timing.dueDate : null,
        }
      : null,
  };
}
