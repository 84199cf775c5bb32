import { type DomainError } from '@sg/complaints';
import { type DirectoryEvent, type ReimbursementReservation } from './directory-events';
import {
  confirmReservation,
  foldFeeLedger,
  releaseReservation,
  reserveReimbursement,
} from './fee-ledger';

const recorded: DirectoryEvent = {
  type: 'FeeAgreementRecorded',
  data: {
    kind: 'contract',
    id: 'C1',
    schoolUrn: '119300',
    serviceId: 'schools-hr',
    description: 'SLA 2025-26',
    feesPaidPence: 100_000,
  },
};

const reservation = (proposalId: string, holder: string, amountPence = 60_000) =>
  ({
    complaintId: `complaint-of-${proposalId}`,
    proposalId,
    amountPence,
    holder,
    complaintRevision: '7',
    complaintEvents: [],
  }) satisfies ReimbursementReservation;

const ledgerOf = (...events: DirectoryEvent[]) => foldFeeLedger([recorded, ...events])!;
const reserved = (proposalId: string, holder: string, amountPence?: number): DirectoryEvent => ({
  type: 'ReimbursementReserved',
  data: reservation(proposalId, holder, amountPence),
});

describe('the fee ledger', () => {
  it('reserves fees for a proposal, held by one approval attempt', () => {
    const outcome = reserveReimbursement(ledgerOf(), reservation('p1', 'h1'));
    expect(outcome).toEqual({ kind: 'reserved', events: [reserved('p1', 'h1')] });
    expect(ledgerOf(...outcome.events).committedPence).toBe(60_000);
  });

  it('tells the holder it already holds them, and anyone else that another holds them', () => {
    const ledger = ledgerOf(reserved('p1', 'h1'));
    expect(reserveReimbursement(ledger, reservation('p1', 'h1'))).toEqual({
      kind: 'already-held',
      events: [],
    });
    expect(reserveReimbursement(ledger, reservation('p1', 'h2'))).toMatchObject({
      kind: 'held-by-another',
      entry: { holder: 'h1', status: 'reserved' },
      events: [],
    });
  });

  it('refuses a reservation the fees left cannot cover, counting what is reserved and what is spent', () => {
    const ledger = ledgerOf(reserved('p1', 'h1', 30_000), reserved('p2', 'h2', 30_000), {
      type: 'ReimbursementReservationConfirmed',
      data: { proposalId: 'p2', holder: 'h2' },
    });
    expect(() => reserveReimbursement(ledger, reservation('p3', 'h3', 40_001))).toThrow(
      expect.objectContaining({ code: 'REIMBURSEMENT_EXCEEDS_FEES' }) as DomainError,
    );
    expect(reserveReimbursement(ledger, reservation('p3', 'h3', 40_000)).kind).toBe('reserved');
  });

  it('lets only the holder confirm, and confirming twice records nothing', () => {
    const ledger = ledgerOf(reserved('p1', 'h1'));
    expect(() => confirmReservation(ledger, 'p1', 'h2')).toThrow(/holds nothing/);
    const confirmed = confirmReservation(ledger, 'p1', 'h1');
    expect(confirmed).toEqual([
      { type: 'ReimbursementReservationConfirmed', data: { proposalId: 'p1', holder: 'h1' } },
    ]);
    expect(confirmReservation(ledgerOf(reserved('p1', 'h1'), ...confirmed), 'p1', 'h1')).toEqual(
      [],
    );
  });

  it('lets only the holder release, and never what is spent', () => {
    const ledger = ledgerOf(reserved('p1', 'h1'));
    expect(releaseReservation(ledger, 'p1', 'h2', 'lost a race')).toEqual([]);
    const released = releaseReservation(ledger, 'p1', 'h1', 'lost a race');
    expect(ledgerOf(reserved('p1', 'h1'), ...released).committedPence).toBe(0);
    const spent = ledgerOf(reserved('p1', 'h1'), {
      type: 'ReimbursementReservationConfirmed',
      data: { proposalId: 'p1', holder: 'h1' },
    });
    expect(releaseReservation(spent, 'p1', 'h1', 'too late')).toEqual([]);
  });

  it('ignores a confirmation or release by someone who does not hold the proposal', () => {
    const ledger = ledgerOf(
      reserved('p1', 'h1'),
      {
        type: 'ReimbursementReservationReleased',
        data: { proposalId: 'p1', holder: 'h2', reason: 'x' },
      },
      { type: 'ReimbursementReservationConfirmed', data: { proposalId: 'p1', holder: 'h3' } },
    );
    expect(ledger.entries.get('p1')).toMatchObject({ holder: 'h1', status: 'reserved' });
    expect(ledger.committedPence).toBe(60_000);
  });

  it('reads commitments recorded before reservations had holders as spent', () => {
    const ledger = ledgerOf(
      {
        type: 'ReimbursementCommitted',
        data: { complaintId: 'a', proposalId: 'p1', amountPence: 10_000 },
      },
      {
        type: 'ReimbursementCommitted',
        data: { complaintId: 'b', proposalId: 'p2', amountPence: 20_000 },
      },
      {
        type: 'ReimbursementCommitmentReleased',
        data: { complaintId: 'b', proposalId: 'p2', amountPence: 20_000, reason: 'lost' },
      },
    );
    expect(ledger.committedPence).toBe(10_000);
    expect(ledger.entries.get('p1')).toMatchObject({ holder: null, status: 'confirmed' });
  });
});
