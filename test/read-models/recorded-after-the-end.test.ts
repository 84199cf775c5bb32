import { type ComplaintEvent } from '@sg/complaints';
import { SqliteEventStore } from '@sg/event-store';
import {
  ComplaintProjection,
  openReadModelFile,
  parsePeriod,
  serviceReport,
} from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import {
  BUSINESS_SUPPORT,
  COMPLAINT_HISTORY,
  recordComplaintHistory,
  SCHOOL_STAFF,
} from '../support/complaint-history';

/**
 * A complaint closed as resolved in May by the school's silence, then found in June to have been
 * disputed in time: May's report no longer counts it resolved, and says something was recorded for
 * May after May ended.
 */
describe('a resolution set aside after its period ended', () => {
  it('leaves the period one resolution fewer, and says a figure was recorded after it ended', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const [lodged, , referred] = COMPLAINT_HISTORY;
    const history: ComplaintEvent[] = [
      lodged,
      referred,
      {
        type: 'ComplaintClosed',
        data: { outcome: 'resolved', by: BUSINESS_SUPPORT, at: '2025-05-09T23:00:00.000Z' },
      },
      {
        type: 'DeemedAcceptanceSetAside',
        data: {
          receivedAt: '2025-05-09T15:00:00.000Z',
          by: SCHOOL_STAFF,
          at: '2025-06-02T09:00:00.000Z',
        },
      },
    ];
    const recorded = await recordComplaintHistory(store, history);
    const db = openReadModelFile(':memory:');
    const may = parsePeriod('2025-05');
    const june = new Date('2025-06-03T09:00:00.000Z');
    const projection = new ComplaintProjection(db, new WorkingDayCalendar(), store);

    await projection.apply(recorded.slice(0, 3));
    const before = serviceReport(db, may, [], june);
    expect(before.allServices.resolved).toBe(1);
    expect(before.recordedAfterTheEnd).toBeNull();

    await projection.apply(recorded.slice(3));
    const after = serviceReport(db, may, [], june);
    expect(after.allServices.resolved).toBe(0);
    expect(after.recordedAfterTheEnd).toEqual({
      figures: 1,
      lastAt: '2025-06-02T09:00:00.000Z',
    });
    await store.close();
  });
});
