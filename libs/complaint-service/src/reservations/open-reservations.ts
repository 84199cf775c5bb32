import type Database from 'better-sqlite3';
import {
  type Position,
  type Reaction,
  type RecordedEvent,
  SqliteCheckpointStore,
} from '@sg/event-store';

const NAME = 'open-reservations';

export interface OpenReservation {
  readonly agreement: { readonly kind: 'contract' | 'booking'; readonly id: string };
  readonly proposalId: string;
  readonly holder: string;
  readonly reservedAt: Date;
}

interface Row {
  stream: string;
  proposal_id: string;
  holder: string;
  reserved_at: number;
}

const AGREEMENT_STREAM = /^(contract|booking)-(.+)$/;

/**
 * The reservations on every ledger that nobody has confirmed or released yet, followed from the
 * store with the checkpoint in the same transaction, so the settler can find those a crash left.
 */
export class OpenReservations implements Reaction {
  readonly name = NAME;
  readonly filter = { eventTypePrefixes: ['ReimbursementReserv'] };
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> =>
      Promise.resolve(this.checkpointStore.read(NAME)),
  };
  private readonly checkpointStore: SqliteCheckpointStore;
  private readonly record;
  private readonly selectOlder;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS open_reservations (
      stream TEXT NOT NULL, proposal_id TEXT NOT NULL, holder TEXT NOT NULL, reserved_at INTEGER NOT NULL,
      PRIMARY KEY (stream, proposal_id, holder))`);
    this.checkpointStore = new SqliteCheckpointStore(db);
    const insert = db.prepare(
      'INSERT OR IGNORE INTO open_reservations (stream, proposal_id, holder, reserved_at) VALUES (?, ?, ?, ?)',
    );
    const remove = db.prepare(
      'DELETE FROM open_reservations WHERE stream = ? AND proposal_id = ? AND holder = ?',
    );
    this.selectOlder = db.prepare<[number], Row>(
      'SELECT * FROM open_reservations WHERE reserved_at <= ? ORDER BY reserved_at',
    );
    this.record = db.transaction((event: RecordedEvent) => {
      const data = event.data as { proposalId: string; holder: string };
      if (event.type === 'ReimbursementReserved')
        insert.run(event.stream, data.proposalId, data.holder, event.recordedAt.getTime());
      else remove.run(event.stream, data.proposalId, data.holder);
      this.checkpointStore.write(NAME, event.position);
    });
  }

  handle(event: RecordedEvent): Promise<void> {
    if (AGREEMENT_STREAM.test(event.stream)) this.record(event);
    return Promise.resolve();
  }

  /** Those reserved at or before `before`. */
  reservedBefore(before: Date): OpenReservation[] {
    return this.selectOlder.all(before.getTime()).map((row) => {
      const [, kind, id] = AGREEMENT_STREAM.exec(row.stream)!;
      return {
        agreement: { kind: kind as 'contract' | 'booking', id },
        proposalId: row.proposal_id,
        holder: row.holder,
        reservedAt: new Date(row.reserved_at),
      };
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
