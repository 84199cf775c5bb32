import { parse } from 'csv-parse/sync';
import {
  recordPayment,
  approvedReimbursement,
  type ComplaintsApp,
  CONTRACT,
  CONTRACT_FEES,
  startComplaintsApp,
} from '../support/complaints-app';

/**
 * Finance checks the reimbursements it recorded against the council's ledger: a page and a CSV of
 * those paid in a period, by the day they were paid on.
 */
describe('reimbursements paid, for finance', () => {
  let api: ComplaintsApp;
  let reference: string;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    const { id, proposalId, reference: lodgedAs } = await approvedReimbursement(api);
    reference = lodgedAs;
    api.clock.set('2025-06-02T09:00:00.000Z');
    // Typed by a person: a spreadsheet must not run it.
    await recordPayment(api, id, proposalId, {
      paymentReference: '=HYPERLINK("http://evil.example","BACS-9")',
      paidOn: '2025-05-30',
    });
    await api.clocksSettled();
  });
  afterAll(() => api.close());

  it('lists a payment in the period it was paid in, with what it was paid against', async () => {
    const page = await api.as('finance').get('/finance/payments?period=2025-05').expect(200);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).toContain('Reimbursements paid, May 2025');
    expect(text).toContain(reference);
    expect(text).toContain('30 May 2025');
    expect(text).toContain(`Contract ${CONTRACT}`);
    expect(text).toContain(`£${(CONTRACT_FEES / 400).toFixed(2)}`);
    const june = await api.as('finance').get('/finance/payments?period=2025-06').expect(200);
    expect(june.text).toContain('No reimbursement was paid in this period.');
  });

  it('downloads them as CSV for Excel, the typed reference made inert', async () => {
    const csv = await api.as('finance').get('/finance/payments.csv?period=FY2025-26').expect(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="reimbursements-paid-FY2025-26.csv"',
    );
    const [head, row, ...rest]: string[][] = parse(csv.text, { bom: true });
    expect(rest).toEqual([]);
    expect(Object.fromEntries(head.map((heading, i) => [heading, row[i]]))).toEqual({
      'paid on': '2025-05-30',
      complaint: reference,
      'school URN': expect.any(String),
      school: expect.any(String),
      service: 'Schools HR',
      'contract or booking': `contract ${CONTRACT}`,
      'amount (£)': (CONTRACT_FEES / 400).toFixed(2),
      how: 'Bank payment to the school',
      'payment reference': `'=HYPERLINK("http://evil.example","BACS-9")`,
      'recorded at': '2025-06-02 10:00',
    });
  });

  it('is finance’s alone, and says what a period is when it cannot read one', async () => {
    for (const reader of ['board-1', 'support', 'head'])
      await api.as(reader).get('/finance/payments?period=2025-05').expect(403);
    const bad = await api.as('finance').get('/finance/payments?period=May').expect(400);
    expect(bad.text).toContain('Enter a period like FY2025-26');
    // Two periods, or one in another shape, are not the current year's: the page cannot tell which.
    for (const asked of ['period=2025-05&period=2025-06', 'period%5Bx%5D=2025-05'])
      for (const page of ['/finance/payments', '/finance/payments.csv']) {
        const refused = await api.as('finance').get(`${page}?${asked}`);
        expect([page, asked, refused.status]).toEqual([page, asked, 400]);
        expect(refused.text).toContain('Enter a period like FY2025-26');
      }
  });
});
