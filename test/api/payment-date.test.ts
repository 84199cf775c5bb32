import {
  approvedReimbursement,
  approvedReimbursements,
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

/**
 * A payment reference typed again from the last payment would tell finance's ledger that one
 * payment was two: a reference already recorded for another complaint's payment is refused unless
 * finance confirms this payment has it too (one payment run reimbursing several schools).
 */
describe('recording a reimbursement as paid under a reference already used', () => {
  let api: ComplaintsApp;
  afterEach(() => api.close());

  it('refuses it with a 422 naming paymentReference and the complaint paid under it, and records it once confirmed', async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    const [first, second] = await approvedReimbursements(api, 2);
    const pay = (
      { id, proposalId }: { id: string; proposalId: string },
      paymentReference: string,
      more: object = {},
    ) =>
      api.as('finance').post(`/api/complaints/${id}/reimbursement/payment`, {
        proposalId,
        method: 'bank-payment',
        paymentReference,
        paidOn: '2025-05-07',
        ...more,
      });
    await pay(first, 'BACS-2025-0042').expect(200);
    await api.clocksSettled();
    for (const typed of ['BACS-2025-0042', ' bacs-2025-0042 ']) {
      const refusal = (await pay(second, typed).expect(422)).body as Refusal;
      expect(refusal).toMatchObject({ code: 'PAYMENT_REFERENCE_USED' });
      expect(refusal.message).toContain('paymentReference');
      expect(refusal.message).toContain(first.reference);
    }
    const unpaid = (await api.as('finance').get(`/api/complaints/${second.id}`).expect(200))
      .body as View;
    expect(unpaid.status).toBe('reimbursement-approved');
    await pay(second, 'BACS-2025-0042', { sameReferenceConfirmed: 'yes' }).expect(400);
    const paid = await pay(second, 'BACS-2025-0042', { sameReferenceConfirmed: true }).expect(200);
    expect((paid.body as View).status).toBe('closed');
  });
});
