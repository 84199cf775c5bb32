import type Database from 'better-sqlite3';
import { type Position } from '../position';
import {
  type EventToPark,
  type ParkedEvent,
  type ParkedEventStatus,
  type ParkedEventStore,
} from './parked-event-store';

interface Row {
  id: bigint;
  reaction: string;
  event_id: string;
  commit_position: bigint;
  prepare_position: bigint;
  stream: string;
  revision: bigint;
  type: string;
  error: string;
  attempts: bigint;
  parked_at: bigint;
  status: ParkedEventStatus;
  retry_requested_at: bigint | null;
  retried_at: bigint | null;
}

const dateOf = (ms: bigint | null) => (ms === null ? null : new Date(Number(ms)));

const fromRow = (row: Row): ParkedEvent => ({
  id: Number(row.id),
  reaction: row.reaction,
  position: { commit: row.commit_position, prepare: row.prepare_position },
  stream: row.stream,
  revision: row.revision,
  eventId: row.event_id,
  type: row.type,
  error: row.error,
  attempts: Number(row.attempts),
  parkedAt: new Date(Number(row.parked_at)),
  status: row.status,
  retryRequestedAt: dateOf(row.retry_requested_at),
  retriedAt: dateOf(row.retried_at),
});

/**
 * Parked events in a `parked_events` table, beside the `checkpoints` table of the same node-local
 * file, where the CLI finds them too. Positions are 64-bit integers read back as bigints, as there.
 */
export class SqliteParkedEventStore implements ParkedEventStore {
  private readonly statements;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS parked_events (
      id                 INTEGER PRIMARY KEY,
      reaction           TEXT NOT NULL,
      event_id           TEXT NOT NULL,
      commit_position    INTEGER NOT NULL,
      prepare_position   INTEGER NOT NULL,
      stream             TEXT NOT NULL,
      revision           INTEGER NOT NULL,
      type               TEXT NOT NULL,
      error              TEXT NOT NULL,
      attempts           INTEGER NOT NULL,
      parked_at          INTEGER NOT NULL,
      status             TEXT NOT NULL,
      retry_requested_at INTEGER,
      retried_at         INTEGER,
      UNIQUE (reaction, event_id)
    )`);
    const select = (where: string) =>
      db.prepare(`SELECT * FROM parked_events ${where}`).safeIntegers(true);
    this.statements = {
      park: db
        .prepare(
          `INSERT INTO parked_events (reaction, event_id, commit_position, prepare_position, stream,
             revision, type, error, attempts, parked_at, status)
           VALUES (@reaction, @eventId, @commit, @prepare, @stream, @revision, @type, @error,
             @attempts, @parkedAt, 'parked')
           ON CONFLICT (reaction, event_id) DO UPDATE SET error = excluded.error,
             attempts = parked_events.attempts + excluded.attempts, status = 'parked'
           RETURNING *`,
        )
        .safeIntegers(true),
      get: select('WHERE id = ?'),
      waitingOf: select(
        "WHERE reaction = ? AND status <> 'retried' ORDER BY commit_position, prepare_position",
      ),
      waiting: select("WHERE status <> 'retried' ORDER BY parked_at, id"),
      eventIdsAfter: db
        .prepare<[string, bigint, bigint, bigint], { event_id: string }>(
          `SELECT event_id FROM parked_events WHERE reaction = ?
             AND (commit_position > ? OR (commit_position = ? AND prepare_position > ?))`,
        )
        .safeIntegers(true),
      requestRetry: db.prepare(
        "UPDATE parked_events SET status = 'retry-requested', retry_requested_at = ? WHERE id = ? AND status <> 'retried'",
      ),
      retryRequested: select(
        "WHERE reaction = ? AND status = 'retry-requested' ORDER BY commit_position, prepare_position",
      ),
      markRetried: db.prepare(
        "UPDATE parked_events SET status = 'retried', retried_at = ?, attempts = attempts + 1 WHERE id = ?",
      ),
      retryFailed: db.prepare(
        "UPDATE parked_events SET status = 'parked', error = ?, retried_at = ?, attempts = attempts + 1 WHERE id = ?",
      ),
    };
  }

  park(event: EventToPark): Promise<ParkedEvent> {
    const row = this.statements.park.get({
      reaction: event.reaction,
      eventId: event.eventId,
      commit: event.position.commit,
      prepare: event.position.prepare,
      stream: event.stream,
      revision: event.revision,
      type: event.type,
      error: event.error,
      attempts: event.attempts,
      parkedAt: event.parkedAt.getTime(),
    }) as Row;
    return Promise.resolve(fromRow(row));
  }

  get(id: number): Promise<ParkedEvent | null> {
    const row = this.statements.get.get(id) as Row | undefined;
    return Promise.resolve(row ? fromRow(row) : null);
  }

  waiting(reaction?: string): Promise<ParkedEvent[]> {
    const rows = (
      reaction === undefined
        ? this.statements.waiting.all()
        : this.statements.waitingOf.all(reaction)
    ) as Row[];
    return Promise.resolve(rows.map(fromRow));
  }

  eventIdsAfter(reaction: string, position: Position | null): Promise<Set<string>> {
    const { commit, prepare } = position ?? { commit: -1n, prepare: -1n };
    const rows = this.statements.eventIdsAfter.all(reaction, commit, commit, prepare);
    return Promise.resolve(new Set(rows.map((row) => row.event_id)));
  }

  requestRetry(id: number, at: Date): Promise<void> {
    this.statements.requestRetry.run(at.getTime(), id);
    return Promise.resolve();
  }

  retryRequested(reaction: string): Promise<ParkedEvent[]> {
    return Promise.resolve((this.statements.retryRequested.all(reaction) as Row[]).map(fromRow));
  }

  markRetried(id: number, at: Date): Promise<void> {
    this.statements.markRetried.run(at.getTime(), id);
    return Promise.resolve();
  }

  retryFailed(id: number, error: string, at: Date): Promise<void> {
    this.statements.retryFailed.run(error, at.getTime(), id);
    return Promise.resolve();
  }
}
