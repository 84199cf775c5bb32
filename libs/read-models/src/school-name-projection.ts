import type Database from 'better-sqlite3';
import { type Position, type RecordedEvent } from '@sg/event-store';
import { ProjectionCheckpoint } from './projection-checkpoint';
import { type ReadModelProjection } from './projection-reaction';

/** The projection's name, as the runner knows it. */
export const SCHOOL_NAMES = 'school-names';
/** A school's details are its own stream, `school-<urn>` (its addresses' indexes share the prefix). */
const SCHOOL_STREAM_PREFIXES: readonly string[] = ['school-'];
/** The events that give a school its name, each with the whole of its details. */
const NAMING_EVENTS: ReadonlySet<string> = new Set(['SchoolRegistered', 'SchoolDetailsChanged']);

const namesASchool = (event: RecordedEvent) =>
  event.stream.startsWith('school-') && NAMING_EVENTS.has(event.type);

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
export class SchoolNameProjection implements ReadModelProjection {
  readonly name = SCHOOL_NAMES;
  readonly streamPrefixes = SCHOOL_STREAM_PREFIXES;

  private readonly checkpoint: ProjectionCheckpoint;
  private readonly statements;
  private readonly applyBatch;

  constructor(db: Database.Database) {
    this.checkpoint = new ProjectionCheckpoint(db, 'school_names_checkpoint');
    this.statements = {
      revision: db.prepare<[string], { revision: number }>(
        'SELECT revision FROM school_names WHERE urn = ?',
      ),
      upsert: db.prepare<SchoolName>(
        `INSERT INTO school_names (urn, name, revision) VALUES (@urn, @name, @revision)
         ON CONFLICT (urn) DO UPDATE SET name = excluded.name, revision = excluded.revision`,
      ),
      unindex: db.prepare<[string]>('DELETE FROM school_search WHERE urn = ?'),
      index: db.prepare<[string, string]>('INSERT INTO school_search (urn, name) VALUES (?, ?)'),
    };
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) if (namesASchool(event)) this.write(nameIn(event));
      this.checkpoint.write(events[events.length - 1].position);
    });
  }

  apply(events: readonly RecordedEvent[]): Promise<void> {
    const mine = events.filter((event) => event.stream.startsWith('school-'));
    if (mine.length > 0) this.applyBatch(mine);
    return Promise.resolve();
  }

  position(): Position | null {
    return this.checkpoint.read();
  }

  skip(event: RecordedEvent): void {
    this.checkpoint.write(event.position);
  }

  applyLate(event: RecordedEvent): Promise<void> {
    if (namesASchool(event)) this.write(nameIn(event));
    return Promise.resolve();
  }

  private write(school: SchoolName): void {
    const held = this.statements.revision.get(school.urn);
    if (held && held.revision >= school.revision) return;
    this.statements.upsert.run(school);
    this.statements.unindex.run(school.urn);
    this.statements.index.run(school.urn, school.name);
  }
}
