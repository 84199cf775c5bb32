import { type ReimbursementReservation } from '@sg/directory';

/** One approval attempt's hold on a ledger, for complaint `complaintId`'s proposal. */
export const reservation = (
  complaintId: string,
  amountPence: number,
): ReimbursementReservation => ({
  complaintId,
  proposalId: `p-${complaintId}`,
  amountPence,
  holder: `h-${complaintId}`,
  complaintRevision: '7',
  complaintEvents: [],
});
