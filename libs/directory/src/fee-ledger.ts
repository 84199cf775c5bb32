import { ruleBroken } from '@sg/complaints';
import { type DirectoryEvent, type FeeAgreementDetails } from './directory-events';

export interface FeeLedger {
  readonly agreement: FeeAgreementDetails;
  /** Reimbursement commitments by proposal id. */
  readonly committed: ReadonlyMap<string, number>;
  readonly committedPence: number;
}

export function foldFeeLedger(events: Iterable<DirectoryEvent>): FeeLedger | null {
  let agreement: FeeAgreementDetails | null = null;
  const committed = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'FeeAgreementRecorded') agreement = event.data;
    else if (event.type === 'ReimbursementCommitted')
      committed.set(event.data.proposalId, event.data.amountPence);
    else if (event.type === 'ReimbursementCommitmentReleased')
      committed.delete(event.data.proposalId);
  }
  if (!agreement) return null;
  let committedPence = 0;
  for (const amount of committed.values()) committedPence += amount;
  return { agreement, committed, committedPence };
}

/**
 * Commits part of a contract's or booking's fees to a reimbursement. The total committed never
 * exceeds the fees paid: the ledger is one stream, appended with its expected revision, so two
 * approvals at the same moment cannot both spend the same pounds.
 */
export function commitReimbursement(
  ledger: FeeLedger,
  commitment: { complaintId: string; proposalId: string; amountPence: number },
): DirectoryEvent[] {
  if (ledger.committed.has(commitment.proposalId)) return [];
  const remaining = ledger.agreement.feesPaidPence - ledger.committedPence;
  if (commitment.amountPence > remaining) {
    throw ruleBroken(
      'REIMBURSEMENT_EXCEEDS_FEES',
      `${commitment.amountPence} pence is more than the ${remaining} pence left of ${ledger.agreement.kind} ${ledger.agreement.id}'s fees`,
    );
  }
  return [{ type: 'ReimbursementCommitted', data: commitment }];
}
