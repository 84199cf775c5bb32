import type Database from 'better-sqlite3';
import {
  complaintStream,
  COMPLAINT_EVENT_SCHEMA_VERSION,
  type ComplaintEvent,
} from '@sg/complaints';
import { envelope, type RecordedEvent, SqliteEventStore } from '@sg/event-store';
import { ComplaintProjection, openReadModelFile } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import {
  COMPLAINT_ID,
  complaintClosed,
  lodged,
  referred,
  SUPPORT_BY,
} from '../../libs/complaints/src/testing/fixtures';

const noteAt = (at: string): ComplaintEvent => ({
  type: 'InternalNoteAdded',
  data: { noteId: `n-${at}`, text: 'Chased by phone', by: SUPPORT_BY, at },
});

/** Lodged, a note, referred, closed as withdrawn, and a note after the closure. */
const HISTORY: ComplaintEvent[] = [
  ...lodged(),
  noteAt('2025-04-16T09:00:00.000Z'),
  ...referred(),
  complaintClosed('withdrawn', SUPPORT_BY, '2025-04-24T10:00:00.000Z'),
  noteAt('2025-04-25T09:00:00.000Z'),
];

const contents = (db: Database.Database) => ({
  complaints: db.prepare('SELECT * FROM complaints ORDER BY complaint_id').all(),
  facts: db.prepare('SELECT * FROM report_facts ORDER BY complaint_id, revision, kind').all(),
  search: db.prepare('SELECT * FROM complaint_search ORDER BY rowid').all(),
});

describe('the complaint projection', () => {
  const calendar = new WorkingDayCalendar();
  let store: SqliteEventStore;
  let recorded: RecordedEvent[];

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    await store.appendToStream(
      complaintStream(COMPLAINT_ID),
      HISTORY.map((event) => envelope(event, { schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSION })),
      { expectedRevision: 'no_stream' },
    );
    recorded = [];
    for await (const event of store.readAll()) recorded.push(event);
  });
  afterEach(() => store.close());

  async function projectedAllAtOnce() {
    const db = openReadModelFile(':memory:');
    await new ComplaintProjection(db, calendar, store).apply(recorded);
    return contents(db);
  }

  it('carries on after a restart, and after a closed complaint is noted on, by folding the complaint again from its stream', async () => {
    const db = openReadModelFile(':memory:');
    await new ComplaintProjection(db, calendar, store).apply(recorded.slice(0, 4));
    // A new process knows nothing in memory: the next event needs the complaint as it stood.
    const restarted = new ComplaintProjection(db, calendar, store);
    for (const event of recorded.slice(4)) await restarted.apply([event]);
    expect(contents(db)).toEqual(await projectedAllAtOnce());
    expect(db.prepare('SELECT status, revision FROM complaints').get()).toEqual({
      status: 'closed',
      revision: recorded.length - 1,
    });
  });

  it('refuses a batch that skips an event of a complaint, and writes none of it', async () => {
    const db = openReadModelFile(':memory:');
    const projection = new ComplaintProjection(db, calendar, store);
    await expect(projection.apply([recorded[0], recorded[2]])).rejects.toThrow(
      'event 2 arrived after event 0',
    );
    expect(contents(db)).toEqual({ complaints: [], facts: [], search: [] });
    expect(projection.position()).toBeNull();
    await projection.apply(recorded);
    expect(contents(db)).toEqual(await projectedAllAtOnce());
  });
});
