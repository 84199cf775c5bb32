import type Database from 'better-sqlite3';
import { type RecordedEvent, SqliteEventStore } from '@sg/event-store';
import { ComplaintProjection, openReadModelFile } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { recordComplaintHistory } from '../support/complaint-history';

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
    recorded = await recordComplaintHistory(store);
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
