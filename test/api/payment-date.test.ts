import {
  approvedReimbursement,
  type ComplaintsApp,
  CONTRACT,
  startComplaintsApp,
} from '../support/complaints-app';

interface View {
  id: string;
  status: string;
  version: number;
  clocks: Record<string, { revision: number }>;
}

interface Refusal {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; messages: string[] }[];
}

/**
 * The day a reimbursement was paid on, as Finance records it: a day that exists, not after the
 * day it is recorded (in London) and not before the complaint was lodged. A refusal records
 * nothing, so the payment can then be recorded with the right date.
 */
describe('recording a reimbursement as paid, by the date it was paid on', () => {
  let api: ComplaintsApp;
  let id: string;
  let proposalId: string;

  beforeEach(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    ({ id, proposalId } = await approvedReimbursement(api));
  });
  afterEach(() => api.close());

  const pay = (paidOn: string) =>
    api.as('finance').post(`/api/complaints/${id}/reimbursement/payment`, {
      proposalId,
      method: 'bank-payment',
      paymentReference: 'BACS-2025-0042',
      paidOn,
    });
  /** The complaint as readers see it, and what the contract's fees are committed to. */
  const recorded = async () => ({
    complaint: (await api.as('finance').get(`/api/complaints/${id}`).expect(200)).body as View,
    ledger: await api.directory.feeLedger('contract', CONTRACT),
  });

  it.each(['2026-02-31', '2025-02-29', '2025-04-31', '2025-13-01', '2025-5-7'])(
    'refuses paidOn %j with a 400 naming paidOn, and records nothing',
    async (paidOn) => {
      const before = await recorded();
      expect(before.complaint.status).toBe('reimbursement-approved');
      const refusal = (await pay(paidOn).expect(400)).body as Refusal;
      expect(refusal).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(refusal.errors?.map((error) => error.field)).toEqual(['paidOn']);
      expect(await recorded()).toEqual(before);
    },
  );

  it.each([
    // Recorded at 08:00 on Wednesday 7 May in London.
    ['2025-05-08', 'PAYMENT_IN_FUTURE'],
    ['2025-04-16', 'PAYMENT_BEFORE_APPROVAL'],
  ])('refuses paidOn %s with a 422 %s, and records nothing', async (paidOn, code) => {
    const before = await recorded();
    const refusal = (await pay(paidOn).expect(422)).body as Refusal;
    expect(refusal).toMatchObject({ statusCode: 422, code });
    expect(refusal.message).toContain('paidOn');
    expect(await recorded()).toEqual(before);
  });

  it('after a refusal, records the payment on a day between approval and today', async () => {
    await pay('2026-02-31').expect(400);
    const paid = await pay('2025-05-07').expect(200);
    expect(paid.body).toMatchObject({
      status: 'closed',
      closure: { outcome: 'upheld-and-reimbursed' },
    });
  });
});
