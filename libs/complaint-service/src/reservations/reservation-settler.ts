import { complaintStream } from '@sg/complaints';
import { type Directory, type FeeAgreementDetails, type LedgerEntry } from '@sg/directory';
import { type EventStore, WrongExpectedVersion } from '@sg/event-store';
import { type ComplaintRepository } from '../complaint-repository';

export type Settlement = 'confirmed' | 'released' | 'unchanged';

const SETTLER = { id: 'system:reservation-settler', role: 'system' };

/**
 * Settles a reservation its holder may never settle (it crashed, or lost its connection, between
 * the ledger and the complaint). The holder's complaint events were decided at a revision and can
 * only ever be stored at it, so: if they are stored, the money is spent; if the complaint has moved
 * past that revision without them, they never will be, and the money is freed; if it has not
 * moved, they are appended now, with the holder's own ids (so the holder's own append, should it
 * still come, stores nothing twice), and the money is spent.
 */
export class ReservationSettler {
  constructor(
    private readonly store: EventStore,
    private readonly complaints: ComplaintRepository,
    private readonly directory: Directory,
  ) {}

  async settle(
    agreement: Pick<FeeAgreementDetails, 'kind' | 'id'>,
    entry: LedgerEntry,
    correlationId: string,
  ): Promise<Settlement> {
    const context = { actor: SETTLER, correlationId };
    if (entry.status === 'confirmed' || !entry.reservation || !entry.holder) return 'unchanged';
    const { holder, proposalId } = entry;
    if (!(await this.recorded(entry.complaintId, holder))) {
      const { complaintEvents, complaintRevision } = entry.reservation;
      try {
        await this.store.appendToStream(complaintStream(entry.complaintId), complaintEvents, {
          expectedRevision: BigInt(complaintRevision),
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (!(await this.recorded(entry.complaintId, holder))) {
          await this.directory.releaseReservation(
            agreement,
            proposalId,
            holder,
            'the complaint moved on before this approval was recorded',
            context,
          );
          return 'released';
        }
      }
    }
    await this.directory.confirmReservation(agreement, proposalId, holder, context);
    return 'confirmed';
  }

  private async recorded(complaintId: string, eventId: string): Promise<boolean> {
    const { history } = await this.complaints.load(complaintId);
    return history.some((event) => event.id === eventId);
  }
}
