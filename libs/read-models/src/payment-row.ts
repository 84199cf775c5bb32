import { complaintEventFrom, type PaymentMethod } from '@sg/complaints';
import { type FoldedComplaint } from './complaint-queries';

/**
 * A payment reference as finance's ledger would match it: "pay 1" and " PAY  1" are one. Kept so
 * that the same reference given for a second payment is noticed before it is recorded.
 */
export const paymentReferenceKey = (reference: string): string =>
  reference.trim().replace(/\s+/g, ' ').toUpperCase();

/** A reimbursement as finance recorded it paid: what it checks against the council's ledger. */
export interface PaymentRow {
  readonly complaintId: string;
  readonly reference: string;
  readonly schoolUrn: string;
  readonly serviceId: string | null;
  /** The contract or booking whose fees it reimburses. */
  readonly basis: { readonly kind: 'contract' | 'booking'; readonly id: string };
  readonly amountPence: number;
  readonly method: PaymentMethod;
  readonly paymentReference: string;
  /** The London day it was paid on, as finance gave it. */
  readonly paidOn: string;
  readonly recordedAt: string;
}

/** The payment recorded on a complaint, if it has one. */
export function paymentOf({ state, history }: FoldedComplaint): PaymentRow | null {
  const proposal = state.proposal;
  const recorded = history.findLast((event) => event.type === 'ReimbursementPaid');
  if (!proposal || !recorded) return null;
  const paid = complaintEventFrom(recorded);
  if (paid.type !== 'ReimbursementPaid') return null;
  return {
    complaintId: state.complaintId,
    reference: state.reference,
    schoolUrn: state.schoolUrn,
    serviceId: state.serviceId,
    basis: { kind: proposal.basis.kind, id: proposal.basis.id },
    amountPence: paid.data.amountPence,
    method: paid.data.method,
    paymentReference: paid.data.paymentReference,
    paidOn: paid.data.paidOn,
    recordedAt: paid.data.at,
  };
}
