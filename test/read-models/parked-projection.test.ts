import Database from 'better-sqlite3';
import { complaintStream } from '@sg/complaints';
import {
  CheckpointedRunner,
  type RecordedEvent,
  SqliteCheckpointStore,
  SqliteEventStore,
  SqliteParkedEventStore,
  SqliteReactionProgressStore,
} from '@sg/event-store';
import { ComplaintProjection, openReadModelFile, ProjectionReaction } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { COMPLAINT_ID, recordComplaintHistory } from '../support/complaint-history';
import { eventually } from '../support/eventually';

const contents = (db: Database.Database) => ({
  complaints: db.prepare('SELECT * FROM complaints ORDER BY complaint_id').all(),
  facts: db.prepare('SELECT * FROM report_facts ORDER BY complaint_id, revision, kind').all(),
  search: db.prepare('SELECT * FROM complaint_search ORDER BY complaint_id, council_only').all(),
});

describe('the read-model projection parking an event', () => {
  const calendar = new WorkingDayCalendar();
  let store: SqliteEventStore;
  let runnerDb: Database.Database;
  let parked: SqliteParkedEventStore;
  let history: RecordedEvent[];

  beforeEach(async () => {
    const written = new SqliteEventStore({ file: ':memory:' });
    history = await recordComplaintHistory(written);
    await written.close();
    store = new SqliteEventStore({ file: ':memory:' });
    runnerDb = new Database(':memory:');
    parked = new SqliteParkedEventStore(runnerDb);
  });
  afterEach(async () => {
    await store.close();
    runnerDb.close();
  });

  /** The complaint's history from `from` up to `to`, appended as it was first recorded. */
  const append = async (from: number, to: number) =>
    (
      await store.appendToStream(
        complaintStream(COMPLAINT_ID),
        history
          .slice(from, to)
          .map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
        { expectedRevision: from === 0 ? 'no_stream' : BigInt(from - 1) },
      )
    ).position;

  it('records the parked event, keeps its checkpoint in step, and applies the event late on a retry', async () => {
    const db = openReadModelFile(':memory:');
    // A real failure of the read-model file, for the referral's report facts only.
    db.exec(`CREATE TRIGGER no_referrals BEFORE INSERT ON report_facts WHEN NEW.kind = 'referred'
             BEGIN SELECT RAISE(ABORT, 'referral facts refused'); END`);
    const projection = new ComplaintProjection(db, calendar, store);
    const running = new CheckpointedRunner(store, new SqliteCheckpointStore(runnerDb), {
      retryDelayMs: { first: 2, max: 10 },
      retryRequestPollMs: 10,
      attemptsBeforeParking: 3,
      parkedEvents: parked,
      progress: new SqliteReactionProgressStore(runnerDb),
      logger: { error: () => undefined },
    }).start(new ProjectionReaction(projection));

    // Lodged, noted on, referred: the referral fails every time.
    const referral = await append(0, 3);
    await running.reached(referral);
    const [record] = await parked.waiting('read-models');
    expect(record).toMatchObject({
      reaction: 'read-models',
      stream: complaintStream(COMPLAINT_ID),
      revision: 2n,
      type: 'ComplaintReferred',
      error: 'referral facts refused',
      attempts: 3,
      status: 'parked',
    });
    // The checkpoint went past it in the read-model file, and the row stayed at the note.
    expect(projection.position()).toEqual(referral);
    expect(db.prepare('SELECT status, revision FROM complaints').get()).toEqual({
      status: 'lodged',
      revision: 1,
    });

    // The complaint's next events fold it again from its stream and are applied.
    const last = await append(3, 5);
    await running.reached(last);
    expect(projection.position()).toEqual(last);
    expect(db.prepare('SELECT status, service_id, revision FROM complaints').get()).toEqual({
      status: 'closed',
      service_id: 'music-service',
      revision: 4,
    });
    expect(db.prepare('SELECT count(*) AS n FROM report_facts WHERE revision = 2').get()).toEqual({
      n: 0,
    });

    db.exec('DROP TRIGGER no_referrals');
    await parked.requestRetry(record.id, new Date());
    await eventually(async () => (await parked.get(record.id))?.status === 'retried');
    await running.stop();

    expect(projection.position()).toEqual(last);
    const allAtOnce = openReadModelFile(':memory:');
    const everything: RecordedEvent[] = [];
    for await (const event of store.readAll()) everything.push(event);
    await new ComplaintProjection(allAtOnce, calendar, store).apply(everything);
    expect(contents(db)).toEqual(contents(allAtOnce));
  });
});
