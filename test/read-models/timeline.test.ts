import { SqliteEventStore, type RecordedEvent } from '@sg/event-store';
import {
  ComplaintProjection,
  ComplaintQueries,
  openReadModelFile,
  timelineOf,
} from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import {
  BUSINESS_SUPPORT,
  COMPLAINT_ID,
  recordComplaintHistory,
} from '../support/complaint-history';

describe('a complaint’s timeline', () => {
  const calendar = new WorkingDayCalendar();
  let store: SqliteEventStore;
  let queries: ComplaintQueries;
  let projection: ComplaintProjection;
  let recorded: RecordedEvent[];

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    recorded = await recordComplaintHistory(store);
    const db = openReadModelFile(':memory:');
    projection = new ComplaintProjection(db, calendar, store);
    queries = new ComplaintQueries({ db }, calendar, store);
  });
  afterEach(() => store.close());

  const timelineAsProjected = async (councilReader: boolean) => {
    const { history } = (await queries.complaint(COMPLAINT_ID))!;
    return timelineOf(history, councilReader).map((line) => [line.revision, line.type]);
  };

  it('ends at the revision the read model has reached, so it always agrees with the complaint shown', async () => {
    await projection.apply(recorded.slice(0, 2));
    expect(await timelineAsProjected(true)).toEqual([
      [0, 'ComplaintLodged'],
      [1, 'InternalNoteAdded'],
    ]);
    await projection.apply(recorded.slice(2));
    expect((await timelineAsProjected(true)).map(([, type]) => type)).toEqual(
      recorded.map((event) => event.type),
    );
  });

  it('shows who did what and when, and hides internal notes from the school', async () => {
    await projection.apply(recorded);
    const lines = timelineOf((await queries.complaint(COMPLAINT_ID))!.history, true);
    expect(lines[1]).toEqual({
      revision: 1,
      type: 'InternalNoteAdded',
      at: '2025-04-16T09:00:00.000Z',
      by: BUSINESS_SUPPORT,
      recordedAt: recorded[1].recordedAt.toISOString(),
      details: { noteId: 'n-2025-04-16T09:00:00.000Z', text: 'Chased by phone' },
    });
    // The school's lines are numbered among themselves: no gap tells it a note was written.
    expect(await timelineAsProjected(false)).toEqual([
      [0, 'ComplaintLodged'],
      [1, 'ComplaintReferred'],
      [2, 'ComplaintClosed'],
    ]);
  });
});
