import { type ServiceReport } from '@sg/read-models';
import { type Server } from 'node:http';
import request from 'supertest';
import {
  type ComplaintsApp,
  lodgeBody,
  OTHER_SCHOOL,
  startComplaintsApp,
  upholdAndPropose,
} from '../support/complaints-app';
import { receivedByChannel, serviceReportRow } from '../fixtures/service-report';

/**
 * Four complaints either side of the financial year's end (midnight in London on 31 March 2025,
 * 23:00 UTC, as British Summer Time began on the 30th), driven through the API; the expected
 * figures were worked out by hand and are explained beside them.
 */
describe('the scrutiny committee’s report per service', () => {
  let api: ComplaintsApp;
  beforeAll(async () => {
    api = await startComplaintsApp('2025-03-20T10:00:00.000Z');
  });
  afterAll(() => api.close());

  const at = async (instant: string) => {
    await api.clocksSettled();
    api.clock.set(instant);
  };
  async function lodge(instant: string, as: string, overrides: object) {
    await at(instant);
    const response = await api.as(as).post('/api/complaints', lodgeBody(overrides)).expect(201);
    return (response.body as { id: string }).id;
  }
  const post = async (instant: string, as: string, path: string, body: object = {}) => {
    await at(instant);
    await api.as(as).post(path, body).expect(200);
  };
  const report = async (period: string) => {
    await api.clocksSettled();
    return (await api.as('board-1').get(`/api/reports/services?period=${period}`).expect(200))
      .body as ServiceReport;
  };
  const service = (r: ServiceReport, id: string) => r.services.find((row) => row.serviceId === id)!;

  let firstAnswer: ServiceReport;

  beforeAll(async () => {
    // A: lodged and referred Thursday 20 March, resolution proposed Thursday 27th, its working
    // day 5 (21, 24, 25, 26, 27), confirmed Friday 28th.
    const a = await lodge('2025-03-20T10:00:00.000Z', 'head', {});
    await post('2025-03-20T11:00:00.000Z', 'support', `/api/complaints/${a}/referral`);
    await post('2025-03-27T10:00:00.000Z', 'hr-manager', `/api/complaints/${a}/resolution`, {
      resolution: 'Advice sent.',
    });
    await post('2025-03-28T10:00:00.000Z', 'head', `/api/complaints/${a}/resolution/confirmation`);
    // B: by phone on 25 March, referred on the 26th, due Wednesday 9 April; escalated on the 10th,
    // upheld, £1,000 approved and paid on 22 April.
    const b = await lodge('2025-03-25T09:00:00.000Z', 'support', { channel: 'phone' });
    await post('2025-03-26T09:00:00.000Z', 'support', `/api/complaints/${b}/referral`);
    // C: by email at 23:30 BST on 31 March, still the old year in London; for the music service.
    // Business Support logs it from the email (a school's own email comes through the intake).
    const c = await lodge('2025-03-31T22:30:00.000Z', 'support', {
      channel: 'email',
      schoolUrn: OTHER_SCHOOL,
      serviceId: 'music-service',
    });
    await at('2025-03-31T23:00:00.000Z');
    firstAnswer = await report('FY2024-25');
    // D: at 00:30 BST on 1 April, the new year; referred that morning, due Tuesday 15 April,
    // resolved early on Monday 14th, its working day 9, and confirmed at once. (A
    // resolution after the deadline is refused: the complaint is the Board's by then.)
    const d = await lodge('2025-03-31T23:30:00.000Z', 'head', {});
    await post('2025-04-01T09:00:00.000Z', 'support', `/api/complaints/${d}/referral`);
    // C moves to another service after the year ended: the old year's report must not change.
    await post('2025-04-02T09:00:00.000Z', 'support', `/api/complaints/${c}/rerouting`, {
      toServiceId: 'schools-hr',
      reason: 'It is about a staffing contract',
    });
    await at('2025-04-10T09:00:00.000Z');
    await api.reportResolutionDeadline(b, 1);
    await post('2025-04-14T08:00:00.000Z', 'hr-manager', `/api/complaints/${d}/resolution`, {
      resolution: 'Corrected.',
    });
    await post('2025-04-14T08:30:00.000Z', 'head', `/api/complaints/${d}/resolution/confirmation`);
    await at('2025-04-14T09:00:00.000Z');
    const proposalId = await upholdAndPropose(api, b, {
      failureLevel: 'serious',
      amountPence: 100_000,
    });
    await post(
      '2025-04-15T09:00:00.000Z',
      'board-2',
      `/api/complaints/${b}/reimbursement/approvals`,
      {
        proposalId,
      },
    );
    await post(
      '2025-04-15T09:05:00.000Z',
      'board-3',
      `/api/complaints/${b}/reimbursement/approvals`,
      {
        proposalId,
      },
    );
    await post(
      '2025-04-22T09:00:00.000Z',
      'finance',
      `/api/complaints/${b}/reimbursement/payment`,
      {
        proposalId,
        method: 'bank-payment',
        paymentReference: 'BACS-2025-0042',
        paidOn: '2025-04-22',
      },
    );
  });

  it('financial year 2024-25: what came in, what was resolved in time, what was still open', async () => {
    const r = await report('FY2024-25');
    expect(r.period).toMatchObject({
      from: '2024-03-31T23:00:00.000Z',
      to: '2025-03-31T23:00:00.000Z',
    });
    expect(service(r, 'schools-hr')).toEqual(
      serviceReportRow('schools-hr', {
        received: 2,
        receivedByChannel: receivedByChannel({ 'web-form': 1, phone: 1 }),
        referred: 2,
        resolved: 1,
        resolvedWithinTarget: 1,
        resolvedWithinTargetRate: 1,
        medianWorkingDaysToResolve: 5,
        openAtPeriodEnd: 1,
      }),
    );
    expect(service(r, 'music-service')).toEqual(
      serviceReportRow('music-service', {
        received: 1,
        receivedByChannel: receivedByChannel({ email: 1 }),
        openAtPeriodEnd: 1,
      }),
    );
    expect(service(r, 'governor-services')).toEqual(serviceReportRow('governor-services'));
    expect(r.allServices).toEqual(
      serviceReportRow(null, {
        received: 3,
        receivedByChannel: receivedByChannel({ 'web-form': 1, phone: 1, email: 1 }),
        referred: 2,
        resolved: 1,
        resolvedWithinTarget: 1,
        resolvedWithinTargetRate: 1,
        medianWorkingDaysToResolve: 5,
        openAtPeriodEnd: 2,
      }),
    );
  });

  it('gives the same answer for a closed year however much happens afterwards', async () => {
    expect(await report('FY2024-25')).toEqual(firstAnswer);
  });

  it('financial year 2025-26: the resolution, the escalation, the Board’s decision and the money', async () => {
    // The year is not over: asked the day after the payment, what is open is what is open then.
    await at('2025-04-23T09:00:00.000Z');
    const r = await report('FY2025-26');
    expect(service(r, 'schools-hr')).toEqual(
      serviceReportRow('schools-hr', {
        received: 1,
        receivedByChannel: receivedByChannel({ 'web-form': 1 }),
        referred: 1,
        resolved: 1,
        resolvedWithinTarget: 1,
        // D resolved within target, B escalated when its deadline passed: one of the two.
        resolvedWithinTargetRate: 0.5,
        medianWorkingDaysToResolve: 9,
        escalated: 1,
        // B, escalated as its deadline passed at midnight starting Thursday 10 April (day 0, as
        // the Board's clock counts its 20 from then), upheld on Monday 14th: its working day 2
        // (11, 14).
        boardDecided: 1,
        boardDecidedWithinTarget: 1,
        boardDecidedWithinTargetRate: 1,
        medianWorkingDaysToDecide: 2,
        upheld: 1,
        reimbursedPence: 100_000,
        // C, rerouted here on 2 April, is still open.
        openAtPeriodEnd: 1,
      }),
    );
    expect(service(r, 'music-service')).toEqual(serviceReportRow('music-service'));
    expect(r.allServices).toMatchObject({
      received: 1,
      resolved: 1,
      medianWorkingDaysToResolve: 9,
      escalated: 1,
      upheld: 1,
      reimbursedPence: 100_000,
      openAtPeriodEnd: 1,
    });
  });

  it('months, quarters and academic years by London midnights', async () => {
    const march = await report('2025-03');
    expect(march.allServices).toMatchObject({ received: 3, resolved: 1, openAtPeriodEnd: 2 });
    const april = await report('2025-04');
    expect(april.allServices).toMatchObject({
      received: 1,
      escalated: 1,
      reimbursedPence: 100_000,
    });
    const q2 = await report('2025-Q2');
    expect(q2.allServices).toEqual(april.allServices);
    const academic = await report('AY2024-25');
    expect(academic.allServices).toMatchObject({
      received: 4,
      resolved: 2,
      medianWorkingDaysToResolve: 7,
    });
  });

  it('downloads as CSV for Excel, one line per service and one for all', async () => {
    await api.clocksSettled();
    const response = await api
      .as('support')
      .get('/api/reports/services?period=FY2024-25&format=csv')
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="complaints-by-service-FY2024-25.csv"',
    );
    // A byte order mark first, so that Excel reads the "£" in a heading as UTF-8.
    expect(response.text.startsWith('\uFEFF')).toBe(true);
    const lines = response.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'service,service name,received,received by web-form,received by email,received by phone,received by visiting-officer,referred,resolved,resolved within target,resolved within target (% of resolved and escalated),median working days to resolve,escalated,decided by the Board,decided by the Board within target,decided by the Board within target (% of decisions with a target),median working days to decide,upheld,partly upheld,not upheld,reimbursed (£),open at period end',
    );
    expect(lines).toContain('schools-hr,Schools HR,2,1,0,1,0,2,1,1,100.0,5,0,0,0,,,0,0,0,0.00,1');
    expect(lines).toContain(
      'all services,all services,3,1,1,1,0,2,1,1,100.0,5,0,0,0,,,0,0,0,0.00,2',
    );
  });

  it('says of a period not yet over that its figures are so far, its open complaints those open now', async () => {
    const ended = await report('FY2024-25');
    expect(ended).toMatchObject({ complete: true, asOf: ended.period.to });
    const now = api.clock.now().toISOString();
    const running = await report('FY2025-26');
    expect(running).toMatchObject({ complete: false, asOf: now });
    expect(running).toMatchObject({ begun: true });
    expect(running.allServices.openAtPeriodEnd).toBeGreaterThan(0);
    // One still to come has no figures: nothing happened in it, and nothing is open at its end
    // that anyone can know of (it said those open now, which read as a forecast).
    const later = await report('FY2030-31');
    expect(later).toMatchObject({ complete: false, begun: false });
    expect(later.allServices).toMatchObject({ received: 0, openAtPeriodEnd: 0 });
    const page = await request(api.app.getHttpServer() as Server)
      .get('/reports?period=FY2030-31')
      .set('X-Acting-Person', 'support')
      .expect(200);
    expect(page.text).toContain('This period has not begun: it starts on 1 April 2030');
    expect(page.text).not.toContain('This period has not ended');
  });

  it('reads a period as the report page does: spaces around it and lower case are how people type', async () => {
    const typed = await api
      .as('support')
      .get(`/api/reports/services?period=${encodeURIComponent(' fy2024-25 ')}`)
      .expect(200);
    expect(typed.body).toEqual(await report('FY2024-25'));
    // The second year in full, or after a slash, as finance writes it.
    for (const written of ['FY2024-2025', 'fy2024/25', 'FY 2024-25'])
      expect(
        (
          await api
            .as('support')
            .get(`/api/reports/services?period=${encodeURIComponent(written)}`)
            .expect(200)
        ).body,
      ).toEqual(await report('FY2024-25'));
  });

  it('is refused to schools, and for a period it cannot read, naming the field', async () => {
    await api.as('head').get('/api/reports/services?period=FY2024-25').expect(403);
    for (const period of [
      '2025-13',
      'FY2024-26',
      'FY2024-2026',
      'last-year',
      '9999-12',
      '0000-01',
      'FY1847-48',
    ]) {
      const response = await api
        .as('support')
        .get(`/api/reports/services?period=${period}`)
        .expect(400);
      expect((response.body as { errors: { field: string }[] }).errors[0].field).toBe('period');
    }
  });

  it('the page and its CSV, like the API, refuse a period given twice or in another shape, rather than show another', async () => {
    for (const query of [
      'period=2025-04&period=2025-05',
      'period[]=2025-04',
      'period[a]=2025-04',
    ]) {
      const page = await api.as('board-1').get(`/reports?${query}`).expect(400);
      expect(page.text).toContain('href="#period"');
      expect(page.text).not.toContain('Complaints by service, ');
      await api.as('board-1').get(`/reports/services.csv?${query}`).expect(400);
    }
    await api.as('board-1').get('/reports/services.csv?period=2025-04').expect(200);
  });
});
