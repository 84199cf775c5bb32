import { type ServiceReport } from '@sg/read-models';
import {
  recordPayment,
  approvedReimbursement,
  type ComplaintsApp,
  CONTRACT_FEES,
  startComplaintsApp,
} from '../support/complaints-app';

/**
 * Money counts in the period it was paid in, so a payment finance records after that period ended
 * changes the period's report. The report says so: how many of its figures were recorded after it
 * ended, and when the last was, for a committee holding an earlier copy.
 */
describe('a finished period’s report when something is recorded for it late', () => {
  let api: ComplaintsApp;
  let id: string;
  let proposalId: string;
  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    ({ id, proposalId } = await approvedReimbursement(api));
  });
  afterAll(() => api.close());

  const may = async () => {
    await api.clocksSettled();
    return (await api.as('board-1').get('/api/reports/services?period=2025-05').expect(200))
      .body as ServiceReport;
  };

  it('says nothing was recorded late until a payment dated in May is recorded in June', async () => {
    api.clock.set('2025-06-02T09:00:00.000Z');
    const before = await may();
    expect(before.complete).toBe(true);
    expect(before.allServices.reimbursedPence).toBe(0);
    expect(before.recordedAfterTheEnd).toBeNull();

    await recordPayment(api, id, proposalId, {
      paymentReference: 'BACS-2025-0099',
      paidOn: '2025-05-30',
    });
    const after = await may();
    expect(after.allServices.reimbursedPence).toBe(CONTRACT_FEES / 4);
    expect(after.recordedAfterTheEnd).toEqual({ figures: 1, lastAt: '2025-06-02T09:00:00.000Z' });

    const page = await api.as('board-1').get('/reports?period=2025-05').expect(200);
    expect(page.text.replace(/\s+/g, ' ')).toContain(
      '1 figure for this period was recorded after it ended, the last on 2 June 2025 at 10am',
    );
  });
});
