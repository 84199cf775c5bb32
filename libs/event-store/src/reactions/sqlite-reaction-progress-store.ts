import type Database from 'better-sqlite3';
import { type SubscriptionFilter } from '../event-store';
import { type ReactionProgress, type ReactionProgressStore } from './reaction-progress-store';

interface Row {
  reaction: string;
  filter_json: string | null;
  commit_position: bigint | null;
  prepare_position: bigint | null;
  last_error: string | null;
  last_error_at: bigint | null;
  last_error_event_id: string | null;
  last_error_attempts: bigint | null;
  recorded_at: bigint;
}

const fromRow = (row: Row): ReactionProgress => ({
  reaction: row.reaction,
  filter:
    row.filter_json === null ? undefined : (JSON.parse(row.filter_json) as SubscriptionFilter),
  position:
    row.commit_position === null || row.prepare_position === null
      ? null
      : { commit: row.commit_position, prepare: row.prepare_position },
  lastError:
    row.last_error === null || row.last_error_at === null
      ? null
      : {
          message: row.last_error,
          at: new Date(Number(row.last_error_at)),
          eventId: row.last_error_event_id,
          attempts: Number(row.last_error_attempts ?? 0),
        },
  recordedAt: new Date(Number(row.recorded_at)),
});

/** Reactions' progress in a `reaction_progress` table, in the node-local checkpoints file. */
export class SqliteReactionProgressStore implements ReactionProgressStore {
  private readonly upsert;
  private readonly selectAll;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS reaction_progress (
      reaction            TEXT PRIMARY KEY,
      filter_json         TEXT,
      commit_position     INTEGER,
      prepare_position    INTEGER,
      last_error          TEXT,
      last_error_at       INTEGER,
      last_error_event_id TEXT,
      last_error_attempts INTEGER,
      recorded_at         INTEGER NOT NULL
    )`);
    this.upsert = db.prepare(
      `INSERT INTO reaction_progress VALUES (@reaction, @filter, @commit, @prepare, @error,
         @errorAt, @errorEventId, @errorAttempts, @recordedAt)
       ON CONFLICT (reaction) DO UPDATE SET filter_json = excluded.filter_json,
         commit_position = excluded.commit_position, prepare_position = excluded.prepare_position,
         last_error = excluded.last_error, last_error_at = excluded.last_error_at,
         last_error_event_id = excluded.last_error_event_id,
         last_error_attempts = excluded.last_error_attempts, recorded_at = excluded.recorded_at`,
    );
    this.selectAll = db
      .prepare<[], Row>('SELECT * FROM reaction_progress ORDER BY reaction')
      .safeIntegers(true);
  }

  record(progress: ReactionProgress): Promise<void> {
    this.upsert.run({
      reaction: progress.reaction,
      filter: progress.filter === undefined ? null : JSON.stringify(progress.filter),
      commit: progress.position?.commit ?? null,
      prepare: progress.position?.prepare ?? null,
      error: progress.lastError?.message ?? null,
      errorAt: progress.lastError?.at.getTime() ?? null,
      errorEventId: progress.lastError?.eventId ?? null,
      errorAttempts: progress.lastError?.attempts ?? null,
      recordedAt: progress.recordedAt.getTime(),
    });
    return Promise.resolve();
  }

  all(): Promise<ReactionProgress[]> {
    return Promise.resolve(this.selectAll.all().map(fromRow));
  }
}
