import { type ServiceReport } from '@sg/read-models';
import {
  recordPayment,
  approvedReimbursement,
  type ComplaintsApp,
  CONTRACT_FEES,
  lodgeBody,
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

  it('counts a complaint the school made in May, logged in June, as received and open in May against its service', async () => {
    api.clock.set('2025-06-03T09:00:00.000Z');
    const before = await may();
    const hr = (report: ServiceReport) =>
      report.services.find((row) => row.serviceId === 'schools-hr')!;
    await api
      .as('support')
      .post(
        '/api/complaints',
        lodgeBody({ channel: 'phone', receivedAt: '2025-05-30T14:00:00+01:00' }),
      )
      .expect(201);
    const after = await may();
    expect(hr(after).received).toBe(hr(before).received + 1);
    expect(hr(after).openAtPeriodEnd).toBe(hr(before).openAtPeriodEnd + 1);
    // Not against no service: it was Schools HR's from when the school made it.
    const unassigned = (report: ServiceReport) =>
      report.services.find((row) => row.serviceId === null)?.openAtPeriodEnd ?? 0;
    expect(unassigned(after)).toBe(unassigned(before));
    expect(after.recordedAfterTheEnd?.lastAt).toBe('2025-06-03T09:00:00.000Z');
  });

  it('counts a complaint received against the service Business Support passed it to, not the one the school named', async () => {
    api.clock.set('2025-06-04T09:00:00.000Z');
    const june = async () => {
      await api.clocksSettled();
      return (await api.as('board-1').get('/api/reports/services?period=2025-06').expect(200))
        .body as ServiceReport;
    };
    const received = (report: ServiceReport, service: string) =>
      report.services.find((row) => row.serviceId === service)?.received ?? 0;
    const before = await june();
    const lodged = await api
      .as('support')
      .post('/api/complaints', lodgeBody({ channel: 'phone', serviceId: 'music-service' }))
      .expect(201);
    api.clock.set('2025-06-04T10:00:00.000Z');
    await api
      .as('support')
      .post(`/api/complaints/${(lodged.body as { id: string }).id}/rerouting`, {
        toServiceId: 'schools-hr',
        reason: 'It is about a staffing contract',
      })
      .expect(200);
    api.clock.set('2025-06-04T11:00:00.000Z');
    const after = await june();
    expect(received(after, 'schools-hr')).toBe(received(before, 'schools-hr') + 1);
    expect(received(after, 'music-service')).toBe(received(before, 'music-service'));
  });
});
