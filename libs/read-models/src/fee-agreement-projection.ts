import { ProjectionCheckpoint } from './projection-checkpoint';
import { type ReadModelProjection } from './projection-reaction';
import type Database from 'better-sqlite3';
import { type DirectoryEvent, type FeeLedger, foldFeeLedger } from '@sg/directory';
import { type EventStore, type Position, type RecordedEvent } from '@sg/event-store';

/** The projection's name, as the runner knows it. */
export const FEE_AGREEMENTS = 'fee-agreements';
/** A contract's or booking's ledger is its own stream: `contract-<id>`, `booking-<id>`. */
export const FEE_AGREEMENT_STREAM_PREFIXES: readonly string[] = ['contract-', 'booking-'];
/** Ledgers kept in memory between batches; any other is read again from its stream. */
const KEPT_IN_MEMORY = 20_000;

const isLedgerStream = (stream: string) =>
  FEE_AGREEMENT_STREAM_PREFIXES.some((prefix) => stream.startsWith(prefix));

const directoryEventOf = (recorded: RecordedEvent) =>
  ({ type: recorded.type, data: recorded.data }) as DirectoryEvent;

/** The columns of one contract or booking, as the lists read them. */
export interface FeeAgreementRow {
  kind: 'contract' | 'booking';
  agreement_id: string;
  school_urn: string;
  service_id: string;
  description: string;
  fees_paid_pence: number;
  /** Reserved by approvals under way and spent by approvals recorded: neither may be promised again. */
  committed_pence: number;
  /** The ledger stream's revision the row reflects. */
  revision: number;
}

const rowOf = (ledger: FeeLedger, revision: number): FeeAgreementRow => ({
  kind: ledger.agreement.kind,
  agreement_id: ledger.agreement.id,
  school_urn: ledger.agreement.schoolUrn,
  service_id: ledger.agreement.serviceId,
  description: ledger.agreement.description,
  fees_paid_pence: ledger.agreement.feesPaidPence,
  committed_pence: ledger.committedPence,
  revision,
});

/** A ledger's events so far, and the revision of the last. */
interface KnownLedger {
  readonly events: readonly DirectoryEvent[];
  readonly revision: number;
}

/** The projection was handed a ledger event without the ledger as it stood just before it. */
export class LedgerOutOfStepError extends Error {
  constructor(stream: string, expected: number, known: number) {
    super(`${stream}: event ${expected} arrived after event ${known}`);
    this.name = 'LedgerOutOfStepError';
  }
}

/**
 * The index of contracts and bookings by school: one row each, with its fees and what is
 * committed against them, folded with the directory's own `foldFeeLedger`, so a list shows the
 * same committed sum an approval would reserve against. Like the complaint projection, a batch of
 * events and the checkpoint after it commit in one transaction; the ledgers still moving are kept
 * in memory, and one that is not is read again from its own stream before the batch that needs it.
 *
 * The checkpoint is the position of the last ledger event applied, so a rebuild, which is handed
 * every event, records the same checkpoint as the live projection, which is handed only these.
 */
export class FeeAgreementProjection implements ReadModelProjection {
  readonly name = FEE_AGREEMENTS;
  readonly streamPrefixes = FEE_AGREEMENT_STREAM_PREFIXES;

  private readonly statements;
  private readonly applyBatch;
  private readonly checkpoint: ProjectionCheckpoint;
  /** Folded ledgers by stream, least recently changed first. */
  private readonly known = new Map<string, KnownLedger>();
  private readonly changed = new Set<string>();

  constructor(
    db: Database.Database,
    private readonly store: EventStore,
  ) {
    this.checkpoint = new ProjectionCheckpoint(db, 'fee_agreements_checkpoint');
    this.statements = {
      upsert: db.prepare<FeeAgreementRow>(
        `INSERT INTO fee_agreements (kind, agreement_id, school_urn, service_id, description,
           fees_paid_pence, committed_pence, revision)
         VALUES (@kind, @agreement_id, @school_urn, @service_id, @description, @fees_paid_pence,
           @committed_pence, @revision)
         ON CONFLICT (kind, agreement_id) DO UPDATE SET school_urn = excluded.school_urn,
           service_id = excluded.service_id, description = excluded.description,
           fees_paid_pence = excluded.fees_paid_pence, committed_pence = excluded.committed_pence,
           revision = excluded.revision`,
      ),
      rowRevision: db.prepare<[string, string], { revision: number }>(
        'SELECT revision FROM fee_agreements WHERE kind = ? AND agreement_id = ?',
      ),
    };
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      let last: Position | null = null;
      for (const event of events) {
        if (!isLedgerStream(event.stream)) continue;
        this.applyOne(event);
        last = event.position;
      }
      for (const stream of this.changed) this.write(stream, this.known.get(stream)!);
      if (last) this.checkpoint.write(last);
    });
  }

  /** Applies the ledger events among `events` (in store order) and the checkpoint, atomically. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (!events.some((event) => isLedgerStream(event.stream))) return;
    await this.recall(events);
    try {
      this.applyBatch(events);
    } catch (error) {
      this.known.clear();
      throw error;
    } finally {
      this.changed.clear();
      for (const stream of this.known.keys()) {
        if (this.known.size <= KEPT_IN_MEMORY) break;
        this.known.delete(stream);
      }
    }
  }

  position(): Position | null {
    return this.checkpoint.read();
  }

  /** Moves the checkpoint past an event the runner parked; its ledger is read again when it next moves. */
  skip(event: RecordedEvent): void {
    this.known.delete(event.stream);
    this.checkpoint.write(event.position);
  }

  /**
   * Applies a parked event after the projection has gone on: the ledger is folded from its stream
   * up to that event or to the revision its row already shows, whichever is later. The checkpoint
   * stays where it is.
   */
  async applyLate(recorded: RecordedEvent): Promise<void> {
    if (!isLedgerStream(recorded.stream)) return;
    this.known.delete(recorded.stream);
    const ledger = await this.readLedger(recorded.stream, Number(recorded.revision));
    const folded = foldFeeLedger(ledger.events);
    if (!folded) return;
    const row = this.statements.rowRevision.get(folded.agreement.kind, folded.agreement.id);
    const upTo = Math.max(row?.revision ?? -1, ledger.revision);
    const current = upTo > ledger.revision ? await this.readLedger(recorded.stream, upTo) : ledger;
    this.write(recorded.stream, current);
  }

  private write(stream: string, ledger: KnownLedger): void {
    const folded = foldFeeLedger(ledger.events);
    if (folded) this.statements.upsert.run(rowOf(folded, ledger.revision));
    else this.known.delete(stream);
  }

  /** Reads from its stream each ledger of the batch not known as it stood before the batch. */
  private async recall(events: readonly RecordedEvent[]): Promise<void> {
    const firstRevisions = new Map<string, number>();
    for (const event of events) {
      if (isLedgerStream(event.stream) && !firstRevisions.has(event.stream))
        firstRevisions.set(event.stream, Number(event.revision));
    }
    for (const [stream, revision] of firstRevisions) {
      if (revision === 0 || this.known.get(stream)?.revision === revision - 1) continue;
      this.known.set(stream, await this.readLedger(stream, revision - 1));
    }
  }

  /** A ledger's events in the store, up to and including `revision`. */
  private async readLedger(stream: string, revision: number): Promise<KnownLedger> {
    const events: DirectoryEvent[] = [];
    let last = -1;
    for await (const recorded of this.store.readStream(stream, { maxCount: revision + 1 })) {
      events.push(directoryEventOf(recorded));
      last = Number(recorded.revision);
    }
    return { events, revision: last };
  }

  private applyOne(recorded: RecordedEvent): void {
    const revision = Number(recorded.revision);
    const before = this.known.get(recorded.stream) ?? { events: [], revision: -1 };
    if (before.revision !== revision - 1)
      throw new LedgerOutOfStepError(recorded.stream, revision, before.revision);
    this.known.delete(recorded.stream);
    this.known.set(recorded.stream, {
      events: [...before.events, directoryEventOf(recorded)],
      revision,
    });
    this.changed.add(recorded.stream);
  }
}
