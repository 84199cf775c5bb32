import { type ComplaintEvent, type OpenComplaint } from '@sg/complaints';
import { WorkingDayCalendar } from '@sg/working-days';
import { reportFactsOf } from './report-facts';

describe('report facts', () => {
  it('counts a reimbursement on the London day it was paid, not the day finance recorded it', () => {
    const paid = {
      type: 'ReimbursementPaid',
      data: {
        proposalId: 'p-1',
        amountPence: 50_000,
        method: 'bank-payment',
        paymentReference: 'BACS-1',
        paidOn: '2025-03-31',
        by: { id: 'finance', role: 'finance' },
        at: '2025-04-02T09:00:00.000Z',
      },
    } as ComplaintEvent;
    const after = { serviceId: 'schools-hr' } as OpenComplaint;
    // Midnight on 31 March 2025 in London, a day after the clocks went forward: 23:00 UTC.
    expect(reportFactsOf(paid, after, null, new WorkingDayCalendar())).toEqual([
      {
        kind: 'reimbursed',
        at: '2025-03-30T23:00:00.000Z',
        serviceId: 'schools-hr',
        amountPence: 50_000,
      },
    ]);
  });
});

describe('a complaint logged days after the school made it', () => {
  it('is counted received on the day the school made it, and its service’s from then', () => {
    const lodged = {
      type: 'ComplaintLodged',
      data: {
        channel: 'phone',
        receivedAt: '2025-03-31T10:00:00.000Z',
        by: { id: 'support', role: 'business-support' },
        at: '2025-04-02T09:00:00.000Z',
      },
    } as ComplaintEvent;
    const after = { serviceId: 'schools-hr' } as OpenComplaint;
    expect(reportFactsOf(lodged, after, null, new WorkingDayCalendar())).toEqual([
      {
        kind: 'received',
        at: '2025-03-31T10:00:00.000Z',
        serviceId: 'schools-hr',
        channel: 'phone',
      },
      { kind: 'assigned', at: '2025-03-31T10:00:00.000Z', serviceId: 'schools-hr' },
    ]);
  });
});
