import { ruleBroken } from '@sg/complaints';
import {
  type DirectoryEvent,
  type FeeAgreementDetails,
  type ReimbursementReservation,
} from './directory-events';

/** Fees set aside for one proposal: held by one approval attempt, or spent. */
export interface LedgerEntry {
  readonly proposalId: string;
  readonly complaintId: string;
  readonly amountPence: number;
  /** Null for a commitment recorded before reservations had holders. */
  readonly holder: string | null;
  readonly status: 'reserved' | 'confirmed';
  /** Present while reserved: what settling the reservation needs. */
  readonly reservation: ReimbursementReservation | null;
}

export interface FeeLedger {
  readonly agreement: FeeAgreementDetails;
  /** What is set aside, by proposal id. */
  readonly entries: ReadonlyMap<string, LedgerEntry>;
  /** Reserved and spent together: neither may be promised again. */
  readonly committedPence: number;
}

export function foldFeeLedger(events: Iterable<DirectoryEvent>): FeeLedger | null {
  let agreement: FeeAgreementDetails | null = null;
  const entries = new Map<string, LedgerEntry>();
  const heldBy = (proposalId: string, holder: string) => entries.get(proposalId)?.holder === holder;
  for (const event of events) {
    switch (event.type) {
      case 'FeeAgreementRecorded':
        agreement = event.data;
        break;
      case 'ReimbursementCommitted':
        entries.set(event.data.proposalId, {
          ...event.data,
          holder: null,
          status: 'confirmed',
          reservation: null,
        });
        break;
      case 'ReimbursementCommitmentReleased':
        entries.delete(event.data.proposalId);
        break;
      case 'ReimbursementReserved':
        entries.set(event.data.proposalId, {
          proposalId: event.data.proposalId,
          complaintId: event.data.complaintId,
          amountPence: event.data.amountPence,
          holder: event.data.holder,
          status: 'reserved',
          reservation: event.data,
        });
        break;
      case 'ReimbursementReservationConfirmed':
        if (heldBy(event.data.proposalId, event.data.holder)) {
          const entry = entries.get(event.data.proposalId)!;
          entries.set(entry.proposalId, { ...entry, status: 'confirmed', reservation: null });
        }
        break;
      case 'ReimbursementReservationReleased':
        if (heldBy(event.data.proposalId, event.data.holder)) entries.delete(event.data.proposalId);
        break;
      default:
        break;
    }
  }
  if (!agreement) return null;
  let committedPence = 0;
  for (const entry of entries.values()) committedPence += entry.amountPence;
  return { agreement, entries, committedPence };
}

/** What asking to reserve fees for a proposal found. */
export type ReservationOutcome =
  | { readonly kind: 'reserved'; readonly events: DirectoryEvent[] }
  /** This holder already has it (a retried request). */
  | { readonly kind: 'already-held'; readonly events: [] }
  /** Another attempt holds or has spent the proposal's fees; only it may confirm or release them. */
  | { readonly kind: 'held-by-another'; readonly entry: LedgerEntry; readonly events: [] };

/**
 * Reserves part of a contract's or booking's fees for one approval attempt. The total set aside
 * never exceeds the fees paid: the ledger is one stream, appended with its expected revision, so
 * two approvals at the same moment cannot both take the same pounds.
 */
export function reserveReimbursement(
  ledger: FeeLedger,
  reservation: ReimbursementReservation,
): ReservationOutcome {
  const entry = ledger.entries.get(reservation.proposalId);
  if (entry) {
    return entry.holder === reservation.holder
      ? { kind: 'already-held', events: [] }
      : { kind: 'held-by-another', entry, events: [] };
  }
  const remaining = ledger.agreement.feesPaidPence - ledger.committedPence;
  if (reservation.amountPence > remaining) {
    throw ruleBroken(
      'REIMBURSEMENT_EXCEEDS_FEES',
      `${reservation.amountPence} pence is more than the ${remaining} pence left of ${ledger.agreement.kind} ${ledger.agreement.id}'s fees`,
      { leftPence: remaining },
    );
  }
  return { kind: 'reserved', events: [{ type: 'ReimbursementReserved', data: reservation }] };
}

/** Only the holder's own reservation can be spent; confirming twice changes nothing. */
export function confirmReservation(
  ledger: FeeLedger,
  proposalId: string,
  holder: string,
): DirectoryEvent[] {
  const entry = ledger.entries.get(proposalId);
  if (!entry || entry.holder !== holder) {
    throw new Error(
      `${ledger.agreement.kind} ${ledger.agreement.id} holds nothing for proposal ${proposalId} by ${holder}`,
    );
  }
  if (entry.status === 'confirmed') return [];
  return [{ type: 'ReimbursementReservationConfirmed', data: { proposalId, holder } }];
}

/** Only the holder's own, unspent reservation can be given back; anything else is left alone. */
export function releaseReservation(
  ledger: FeeLedger,
  proposalId: string,
  holder: string,
  reason: string,
): DirectoryEvent[] {
  const entry = ledger.entries.get(proposalId);
  if (!entry || entry.holder !== holder || entry.status !== 'reserved') return [];
  return [{ type: 'ReimbursementReservationReleased', data: { proposalId, holder, reason } }];
}
