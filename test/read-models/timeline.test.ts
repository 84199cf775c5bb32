import {
  complaintStream,
  COMPLAINT_EVENT_SCHEMA_VERSION,
  type ComplaintEvent,
} from '@sg/complaints';
import { envelope, type RecordedEvent, SqliteEventStore } from '@sg/event-store';
import { ComplaintProjection, ComplaintQueries, openReadModelFile } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import {
  COMPLAINT_ID,
  lodged,
  referred,
  SUPPORT_BY,
} from '../../libs/complaints/src/testing/fixtures';

const note: ComplaintEvent = {
  type: 'InternalNoteAdded',
  data: { noteId: 'n-1', text: 'Chased by phone', by: SUPPORT_BY, at: '2025-04-18T09:00:00.000Z' },
};

describe('a complaint’s timeline', () => {
  const calendar = new WorkingDayCalendar();
  let store: SqliteEventStore;
  let queries: ComplaintQueries;
  let projection: ComplaintProjection;
  let recorded: RecordedEvent[];

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    await store.appendToStream(
      complaintStream(COMPLAINT_ID),
      [...lodged(), note, ...referred()].map((event) =>
        envelope(event, { schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSION }),
      ),
      { expectedRevision: 'no_stream' },
    );
    recorded = [];
    for await (const event of store.readAll()) recorded.push(event);
    const db = openReadModelFile(':memory:');
    projection = new ComplaintProjection(db, calendar, store);
    queries = new ComplaintQueries({ db }, calendar, store);
  });
  afterEach(() => store.close());

  const timelineAsProjected = async (councilReader: boolean) => {
    const { revision } = (await queries.complaint(COMPLAINT_ID))!;
    return (await queries.timeline(COMPLAINT_ID, revision, councilReader)).map((line) => [
      line.revision,
      line.type,
    ]);
  };

  it('ends at the revision the read model has reached, so it always agrees with the complaint shown', async () => {
    await projection.apply(recorded.slice(0, 3));
    expect(await timelineAsProjected(true)).toEqual([
      [0, 'ComplaintLodged'],
      [1, 'ClockStarted'],
      [2, 'InternalNoteAdded'],
    ]);
    await projection.apply(recorded.slice(3));
    expect((await timelineAsProjected(true)).map(([, type]) => type)).toEqual(
      recorded.map((event) => event.type),
    );
  });

  it('shows who did what and when, and hides internal notes from the school', async () => {
    await projection.apply(recorded);
    const lines = await queries.timeline(COMPLAINT_ID, recorded.length - 1, true);
    expect(lines[2]).toEqual({
      revision: 2,
      type: 'InternalNoteAdded',
      at: '2025-04-18T09:00:00.000Z',
      by: { id: SUPPORT_BY.id, role: 'business-support' },
      recordedAt: recorded[2].recordedAt.toISOString(),
      details: { noteId: 'n-1', text: 'Chased by phone' },
    });
    const school = await timelineAsProjected(false);
    expect(school).toHaveLength(recorded.length - 1);
    expect(school.map(([, type]) => type)).not.toContain('InternalNoteAdded');
  });
});
