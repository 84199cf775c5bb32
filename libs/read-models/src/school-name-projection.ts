import type Database from 'better-sqlite3';
import { type RecordedEvent } from '@sg/event-store';
import { EventByEventProjection } from './event-by-event-projection';
import { searchableWords } from './searchable-words';

/** The projection's name, as the runner knows it. */
export const SCHOOL_NAMES = 'school-names';
/** A school's details are its own stream, `school-<urn>` (its addresses' indexes share the prefix). */
const SCHOOL_STREAM = 'school-';
/** The events that give a school its name, each with the whole of its details. */
const NAMING_EVENTS: ReadonlySet<string> = new Set(['SchoolRegistered', 'SchoolDetailsChanged']);

interface SchoolName {
  readonly urn: string;
  readonly name: string;
  readonly revision: number;
}

const nameIn = (event: RecordedEvent): SchoolName => {
  const data = event.data as { urn: string; name: string };
  return { urn: data.urn, name: data.name, revision: Number(event.revision) };
};

/**
 * Each school's latest name, indexed for full-text search, so that people can find a school's
 * complaints by the name they know it by rather than its URN. Every naming event carries the whole
 * name, so an event is applied on its own, and one older than the row (a parked event retried
 * late) changes nothing. Like the other projections, a batch and the checkpoint after it commit in
 * one transaction.
 */
export class SchoolNameProjection extends EventByEventProjection {
  readonly name = SCHOOL_NAMES;

  private readonly statements;

  constructor(db: Database.Database) {
    super(db, SCHOOL_STREAM, 'school_names_checkpoint');
    this.statements = {
      held: db.prepare<[string], { revision: number; row: number }>(
        'SELECT revision, rowid AS row FROM school_names WHERE urn = ?',
      ),
      upsert: db.prepare<SchoolName>(
        `INSERT INTO school_names (urn, name, revision) VALUES (@urn, @name, @revision)
         ON CONFLICT (urn) DO UPDATE SET name = excluded.name, revision = excluded.revision
         RETURNING rowid AS row`,
      ),
      // By the row's id, which the index shares with school_names: its urn is not indexed, and a
      // search of the whole index for each name made the 25,000 schools of a national file take minutes.
      unindex: db.prepare<[number]>('DELETE FROM school_search WHERE rowid = ?'),
      index: db.prepare<[number, string, string]>(
        'INSERT INTO school_search (rowid, urn, name) VALUES (?, ?, ?)',
      ),
    };
  }

  protected write(event: RecordedEvent): void {
    if (!NAMING_EVENTS.has(event.type)) return;
    const school = nameIn(event);
    const held = this.statements.held.get(school.urn);
    if (held && held.revision >= school.revision) return;
    const { row } = this.statements.upsert.get(school) as { row: number };
    this.statements.unindex.run(row);
    this.statements.index.run(row, school.urn, searchableWords(school.name));
  }
}
