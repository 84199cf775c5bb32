import { randomUUID } from 'node:crypto';
import { lodgeBody, startComplaintsApp, type ComplaintsApp } from '../../support/complaints-app';
import { storedEventCount } from './edge-support';

interface Refusal {
  code: string;
  errors: { field: string; messages: string[] }[];
}

describe('dates and instants in calendar form only', () => {
  let api: ComplaintsApp;
  let complaintId: string;
  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    complaintId = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${complaintId}/referral`).expect(200);
    api.clock.set('2025-04-22T10:00:00.000Z');
  });
  afterAll(() => api.close());

  const contact = (contactedAt: string) =>
    api.as('hr-manager').post(`/api/complaints/${complaintId}/contacts`, {
      contactedAt,
      method: 'phone',
      note: 'Called the head.',
    });
  const withdrawForTheSchool = (givenAt: string) =>
    api.as('support').post(`/api/complaints/${complaintId}/withdrawal`, {
      reason: 'The school has sorted it out',
      consent: { givenBy: 'Jane Head', givenAt, method: 'phone' },
    });
  const pay = (paidOn: string) =>
    api.as('finance').post(`/api/complaints/${complaintId}/reimbursement/payment`, {
      proposalId: randomUUID(),
      method: 'bank-payment',
      paymentReference: 'BACS-1',
      paidOn,
    });

  const WEEK_AND_ORDINAL_INSTANTS = [
    '2025-W17-2T09:30:00+01:00',
    '2025-W17-2',
    '2025-112T09:30:00Z',
    '2025-112',
    '20250422T093000Z',
  ];
  const IMPOSSIBLE_INSTANTS = [
    '2025-02-31T10:00:00Z',
    '2025-02-29T10:00:00Z',
    '2025-04-22T24:00:00Z',
    '2025-04-22T09:60:00Z',
    '2025-04-22T09:30:00+25:00',
  ];
  const UNANCHORED_INSTANTS = ['2025-04-22T09:30:00', '2025-04-22', '2025-04-22 09:30:00Z'];

  async function expectRefusedNaming(
    send: () => Promise<{ status: number; body: unknown }>,
    field: string,
  ) {
    const before = await storedEventCount(api);
    const response = await send();
    expect(response.status).toBe(400);
    const refusal = response.body as Refusal;
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect(refusal.errors.map((error) => error.field)).toEqual([field]);
    expect(refusal.errors[0].messages.join(' ')).toContain(field.split('.').pop());
    expect(await storedEventCount(api)).toBe(before);
  }

  it.each([...WEEK_AND_ORDINAL_INSTANTS, ...IMPOSSIBLE_INSTANTS, ...UNANCHORED_INSTANTS])(
    'refuses contactedAt %j: 400 naming contactedAt',
    async (instant) => {
      await expectRefusedNaming(() => contact(instant), 'contactedAt');
    },
  );

  it.each([...WEEK_AND_ORDINAL_INSTANTS, ...IMPOSSIBLE_INSTANTS, ...UNANCHORED_INSTANTS])(
    'refuses consent.givenAt %j: 400 naming consent.givenAt',
    async (instant) => {
      await expectRefusedNaming(() => withdrawForTheSchool(instant), 'consent.givenAt');
    },
  );

  it.each(['2025-W17-2', '2025-112', '2025-02-31', '2026-02-29', '20250422', '2025-04-22T00:00Z'])(
    'refuses paidOn %j: 400 naming paidOn',
    async (date) => {
      await expectRefusedNaming(() => pay(date), 'paidOn');
    },
  );

  it.each([
    ['lodgedFrom', '2025-W16-4'],
    ['lodgedFrom', '2025-107'],
    ['lodgedBefore', '2025-02-31'],
    ['lodgedBefore', '2025-W16-4T10:00:00Z'],
  ])('refuses the filter %s=%s: 400 naming it', async (field, value) => {
    const response = await api
      .as('support')
      .get(`/api/complaints?${field}=${encodeURIComponent(value)}`)
      .expect(400);
    expect((response.body as Refusal).errors.map((error) => error.field)).toEqual([field]);
  });

  it.each(['2025-04-22T09:30+01:00', '2025-04-22T08:30:00Z', '2025-04-22T09:30:00.250+0100'])(
    'records a contact made at %s',
    async (instant) => {
      await contact(instant).expect(200);
    },
  );

  it('records consent given at a calendar instant', async () => {
    await withdrawForTheSchool('2025-04-22T08:00+01:00').expect(200);
  });
});
