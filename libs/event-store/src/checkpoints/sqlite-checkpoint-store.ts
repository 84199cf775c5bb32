import type Database from 'better-sqlite3';
import { type Position } from '../position';
import { type CheckpointStore } from './checkpoint-store';

/**
 * Checkpoints in a `checkpoints` table of a SQLite database. Positions are stored as 64-bit
 * integers and read back as bigints, so EventStoreDB positions survive exactly. A checkpoint only
 * moves forwards: a parked event handled on a retry, after later ones, must not take its reaction
 * back to it.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select;
  private readonly upsert;

  constructor(
    db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
      name             TEXT PRIMARY KEY,
      commit_position  INTEGER NOT NULL,
      prepare_position INTEGER NOT NULL,
      updated_at       INTEGER NOT NULL
    )`);
    this.select = db
      .prepare<[string], { commit_position: bigint; prepare_position: bigint }>(
        'SELECT commit_position, prepare_position FROM checkpoints WHERE name = ?',
      )
      .safeIntegers(true);
    this.upsert = db.prepare(
      `INSERT INTO checkpoints (name, commit_position, prepare_position, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET commit_position = excluded.commit_position,
         prepare_position = excluded.prepare_position, updated_at = excluded.updated_at
       WHERE excluded.commit_position > checkpoints.commit_position
         OR (excluded.commit_position = checkpoints.commit_position
           AND excluded.prepare_position >= checkpoints.prepare_position)`,
    );
  }

  load(name: string): Promise<Position | null> {
    return Promise.resolve(this.read(name));
  }

  save(name: string, position: Position): Promise<void> {
    this.write(name, position);
    return Promise.resolve();
  }

  /** For a reaction keeping its rows in the same database: read outside any transaction. */
  read(name: string): Position | null {
    const row = this.select.get(name);
    return row ? { commit: row.commit_position, prepare: row.prepare_position } : null;
  }

  /** For a reaction keeping its rows in the same database: call inside its write transaction. */
  write(name: string, position: Position): void {
    this.upsert.run(name, position.commit, position.prepare, this.now().getTime());
  }
}
