import type Database from 'better-sqlite3';
import { type Position } from '@sg/event-store';

/**
 * A projection's checkpoint, in a one-row table of its own in the read-model file (written in
 * the same transaction as the rows). Each projection beside the complaints has its own, so that
 * none depends on which was written first. It only moves forwards.
 */
export class ProjectionCheckpoint {
  private readonly select;
  private readonly upsert;

  constructor(
    db: Database.Database,
    table:
      | 'fee_agreements_checkpoint'
      | 'inbound_mail_checkpoint'
      | 'school_names_checkpoint'
      | 'sent_mail_checkpoint',
  ) {
    this.select = db
      .prepare<[], { commit_position: bigint; prepare_position: bigint }>(
        `SELECT commit_position, prepare_position FROM ${table} WHERE id = 1`,
      )
      .safeIntegers(true);
    this.upsert = db.prepare<[bigint, bigint]>(
      `INSERT INTO ${table} (id, commit_position, prepare_position) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET commit_position = excluded.commit_position,
         prepare_position = excluded.prepare_position
       WHERE excluded.commit_position > ${table}.commit_position
         OR (excluded.commit_position = ${table}.commit_position
           AND excluded.prepare_position >= ${table}.prepare_position)`,
    );
  }

  read(): Position | null {
    const row = this.select.get();
    return row ? { commit: row.commit_position, prepare: row.prepare_position } : null;
  }

  write(position: Position): void {
    this.upsert.run(position.commit, position.prepare);
  }
}
